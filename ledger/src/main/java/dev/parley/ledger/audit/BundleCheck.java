package dev.parley.ledger.audit;

import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryFormatException;
import dev.parley.ledger.entry.EntryScanner;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.merkle.MerkleHash;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One entry bundle checked on its own, in parallel with others, for {@link LogVerifier}: each entry
 * well-formed (first by {@link EntryScanner}'s fast proof, else by the full parser, which also
 * words the violation), its leaf hash and {@code prev}, the chain links inside the bundle (entry
 * i's {@code prev} against SHA-256 of entry i-1's {@code prev} and leaf hash), and for a full
 * bundle its level-0 tile and that tile's root; or the first violation found, which the verifier
 * rethrows when the fold reaches this bundle, so violations are reported in log order.
 */
final class BundleCheck {
  final long bundleIndex;
  byte[] bytes;
  int[] starts;
  int[] ends;
  byte[][] leaves = new byte[0][];
  byte[][] prevs;
  final Map<EntryType, Long> typeCounts = new EnumMap<>(EntryType.class);

  /** First i > 0 whose prev is not SHA-256(prev[i-1] || leaf[i-1]), or -1. */
  int chainBreak = -1;

  byte[] chainAtBreak;
  byte[] chainOut;
  byte[] tile;
  byte[] tileRoot;
  LogIntegrityException violation;
  IOException ioFailure;
  LogIntegrityException tileViolation;
  IOException tileIoFailure;

  private BundleCheck(long bundleIndex) {
    this.bundleIndex = bundleIndex;
  }

  List<byte[]> entries() {
    List<byte[]> out = new ArrayList<>(starts.length);
    for (int i = 0; i < starts.length; i++) {
      out.add(Arrays.copyOfRange(bytes, starts[i], ends[i]));
    }
    return out;
  }

  void rethrow() throws LogIntegrityException, IOException {
    if (violation != null) {
      throw violation;
    }
    if (ioFailure != null) {
      throw ioFailure;
    }
  }

  void rethrowTile() throws LogIntegrityException, IOException {
    if (tileViolation != null) {
      throw tileViolation;
    }
    if (tileIoFailure != null) {
      throw tileIoFailure;
    }
  }

  private static final ThreadLocal<EntryScanner> SCANNER =
      ThreadLocal.withInitial(EntryScanner::new);

  /**
   * Checks one bundle.
   *
   * @param source where the log is read from
   * @param bundleIndex which bundle
   * @param size the checkpoint's tree size
   * @return the results, or the first violation in the bundle (rethrown by the caller in order)
   */
  static BundleCheck check(LogSource source, long bundleIndex, long size) {
    BundleCheck d = new BundleCheck(bundleIndex);
    long first = bundleIndex * TileState.WIDTH;
    int width = (int) Math.min(TileState.WIDTH, size - first);
    String path = LogLayout.bundlePath(bundleIndex, width == TileState.WIDTH ? 0 : width);
    String range = "entries " + first + ".." + (first + width - 1);
    try {
      byte[] bytes;
      try {
        bytes = source.read(path);
      } catch (NoSuchFileException e) {
        throw new LogIntegrityException(source.describe(path), "missing (covers " + range + ")");
      }
      d.bytes = bytes;
      if (!frame(d, bytes)) {
        try {
          LogLayout.decodeBundle(bytes); // for its precise message
          throw new IllegalArgumentException("malformed entry bundle");
        } catch (IllegalArgumentException e) {
          throw new LogIntegrityException(
              source.describe(path), e.getMessage() + " (covers " + range + "; truncated or torn)");
        }
      }
      if (d.starts.length != width) {
        throw new LogIntegrityException(
            source.describe(path),
            "holds " + d.starts.length + " entries, expected " + width + " (covers " + range + ")");
      }
      EntryScanner scanner = SCANNER.get();
      d.leaves = new byte[width][];
      d.prevs = new byte[width][];
      for (int i = 0; i < width; i++) {
        int from = d.starts[i];
        int length = d.ends[i] - from;
        EntryType type = scanner.check(bytes, from, length);
        if (type != null) {
          int at = EntryScanner.prevOffset(type, from, length);
          d.prevs[i] = parseLowerHex32(bytes, at);
        } else {
          LedgerEntry entry;
          try {
            entry = LedgerEntry.decode(Arrays.copyOfRange(bytes, from, from + length));
          } catch (EntryFormatException ex) {
            throw new LogIntegrityException(
                "entry " + (first + i) + " (in " + source.describe(path) + ")", ex.getMessage());
          }
          type = entry.type();
          d.prevs[i] = entry.prev();
        }
        d.typeCounts.merge(type, 1L, Long::sum);
        d.leaves[i] = MerkleHash.leafHash(bytes, from, length);
      }
      for (int i = 1; i < width && d.chainBreak < 0; i++) {
        byte[] expected = ChainHash.next(d.prevs[i - 1], d.leaves[i - 1]);
        if (!Arrays.equals(expected, d.prevs[i])) {
          d.chainBreak = i;
          d.chainAtBreak = expected;
        }
      }
      d.chainOut = ChainHash.next(d.prevs[width - 1], d.leaves[width - 1]);
      if (width == TileState.WIDTH) {
        d.tile = new byte[TileState.WIDTH * 32];
        for (int i = 0; i < width; i++) {
          System.arraycopy(d.leaves[i], 0, d.tile, i * 32, 32);
        }
        d.tileRoot = TileState.perfectRoot(d.leaves);
        try {
          LogVerifier.checkTile(
              source, LogLayout.tilePath(0, bundleIndex, 0), d.tile, 0, bundleIndex);
        } catch (LogIntegrityException e) {
          d.tileViolation = e;
        } catch (IOException e) {
          d.tileIoFailure = e;
        }
      }
    } catch (LogIntegrityException e) {
      d.violation = e;
    } catch (IOException e) {
      d.ioFailure = e;
    }
    return d;
  }

  /** Parses 64 lowercase hex digits (already checked by the scanner) into 32 bytes. */
  private static byte[] parseLowerHex32(byte[] bytes, int at) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] =
          (byte)
              ((Character.digit(bytes[at + 2 * i], 16) << 4)
                  | Character.digit(bytes[at + 2 * i + 1], 16));
    }
    return out;
  }

  /**
   * Finds the entries of a C2SP entry bundle (big-endian uint16 length, then the bytes; at most
   * 256) without copying them.
   *
   * @return false if the framing is broken (then {@link LogLayout#decodeBundle} explains how)
   */
  private static boolean frame(BundleCheck d, byte[] bytes) {
    int[] starts = new int[TileState.WIDTH];
    int[] ends = new int[TileState.WIDTH];
    int n = 0;
    int pos = 0;
    while (pos < bytes.length) {
      if (n == TileState.WIDTH || bytes.length - pos < 2) {
        return false;
      }
      int length = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
      if (bytes.length - pos - 2 < length) {
        return false;
      }
      starts[n] = pos + 2;
      ends[n] = pos + 2 + length;
      n++;
      pos += 2 + length;
    }
    d.starts = Arrays.copyOf(starts, n);
    d.ends = Arrays.copyOf(ends, n);
    return true;
  }
}
