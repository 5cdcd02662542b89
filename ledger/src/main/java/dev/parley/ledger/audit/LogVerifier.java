package dev.parley.ledger.audit;

import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryFormatException;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Verifies a whole tiled log against its signed checkpoint, without trusting whoever serves it.
 *
 * <p>Checks, in order, stopping at the first violation with a {@link LogIntegrityException} that
 * names the file or entry: (1) the checkpoint's signature under the given verifier key; (2) every
 * entry bundle holds exactly the entries its path promises, each well-formed RFC 8785 JSON of a
 * registered type with a valid body; (3) each entry's {@code prev} equals the chain hash of the
 * entries before it; (4) every full tile at every level equals the hashes recomputed from the
 * entries, and so does every partial tile the checkpoint's size requires; (5) the recomputed RFC
 * 9162 root equals the checkpoint's; (6) if a previously trusted checkpoint is given, the log is
 * not smaller and its prefix of that size has that checkpoint's root (append-only).
 *
 * <p>Bundles are decoded and hashed in parallel in chunks; the chain and tiles are then folded in
 * order, so memory stays bounded by one chunk.
 */
public final class LogVerifier {
  private static final HexFormat HEX = HexFormat.of();
  private static final int CHUNK_BUNDLES = 64;

  private LogVerifier() {}

  /** What a verified log holds. */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier, never compared or hashed
  public record Result(
      Checkpoint checkpoint,
      byte[] checkpointNote,
      Map<EntryType, Long> countsByType,
      byte[] chainHead,
      TileState tiles,
      List<byte[]> partialBundle) {}

  /**
   * Verifies the log.
   *
   * @param source where the log is read from
   * @param checkpointNote the signed checkpoint note, already read from the source
   * @param checkpoint the checkpoint, already signature-verified by the caller
   * @param trusted a previously verified checkpoint of the same log, or null
   * @return what the log holds
   * @throws LogIntegrityException on the first violation
   * @throws IOException if the source cannot be read (other than a missing file)
   */
  public static Result verify(
      LogSource source, byte[] checkpointNote, Checkpoint checkpoint, Checkpoint trusted)
      throws LogIntegrityException, IOException {
    long size = checkpoint.size();
    if (trusted != null && trusted.size() > size) {
      throw new LogIntegrityException(
          "checkpoint",
          "tree size "
              + size
              + " is smaller than the remembered checkpoint's "
              + trusted.size()
              + " (the log was rolled back)");
    }
    TileState tiles = new TileState();
    byte[] chain = ChainHash.genesis();
    Map<EntryType, Long> counts = new EnumMap<>(EntryType.class);
    List<byte[]> lastBundle = List.of();
    long bundles = (size + TileState.WIDTH - 1) / TileState.WIDTH;
    List<TileState.FullTile> completed = new ArrayList<>();
    if (trusted != null && trusted.size() == 0) {
      checkRoot(trusted, MerkleHash.emptyRoot());
    }
    for (long first = 0; first < bundles; first += CHUNK_BUNDLES) {
      int n = (int) Math.min(CHUNK_BUNDLES, bundles - first);
      long chunkStart = first;
      List<Decoded> decoded =
          IntStream.range(0, n)
              .parallel()
              .mapToObj(i -> decodeBundle(source, chunkStart + i, size))
              .toList();
      for (Decoded d : decoded) {
        d.rethrow();
        for (int i = 0; i < d.entries.size(); i++) {
          long index = d.bundleIndex * TileState.WIDTH + i;
          LedgerEntry entry = d.parsed.get(i);
          if (!Arrays.equals(entry.prev(), chain)) {
            throw new LogIntegrityException(
                "entry " + index,
                "prev is "
                    + HEX.formatHex(entry.prev())
                    + " but the chain hash of entries 0.."
                    + (index - 1)
                    + " is "
                    + HEX.formatHex(chain));
          }
          byte[] leaf = d.leafHashes.get(i);
          chain = ChainHash.next(chain, leaf);
          counts.merge(entry.type(), 1L, Long::sum);
          tiles.append(leaf, completed);
          for (TileState.FullTile t : completed) {
            checkTile(
                source,
                LogLayout.tilePath(t.level(), t.index(), 0),
                t.bytes(),
                t.level(),
                t.index());
          }
          completed.clear();
          if (trusted != null && tiles.size() == trusted.size()) {
            checkRoot(trusted, tiles.root());
          }
        }
        lastBundle = d.entries.size() < TileState.WIDTH ? d.entries : List.of();
      }
    }
    for (int level = 0; level < tiles.levelCount(); level++) {
      int w = tiles.partialWidth(level);
      if (w > 0) {
        long index = tiles.partialIndex(level);
        checkTile(
            source, LogLayout.tilePath(level, index, w), tiles.partialTile(level), level, index);
      }
    }
    byte[] root = tiles.root();
    if (!Arrays.equals(root, checkpoint.rootHash())) {
      throw new LogIntegrityException(
          "checkpoint",
          "root hash is "
              + HEX.formatHex(checkpoint.rootHash())
              + " but the entries hash to "
              + HEX.formatHex(root));
    }
    return new Result(checkpoint, checkpointNote, counts, chain, tiles, lastBundle);
  }

  private static void checkRoot(Checkpoint trusted, byte[] root) throws LogIntegrityException {
    if (!Arrays.equals(root, trusted.rootHash())) {
      throw new LogIntegrityException(
          "checkpoint",
          "the first "
              + trusted.size()
              + " entries hash to "
              + HEX.formatHex(root)
              + " but the remembered checkpoint of that size has root "
              + HEX.formatHex(trusted.rootHash())
              + " (the log is not append-only)");
    }
  }

  private static void checkTile(
      LogSource source, String path, byte[] expected, int level, long index)
      throws LogIntegrityException, IOException {
    long span = 1L << (8 * level);
    long first = index * TileState.WIDTH * span;
    String range = "entries " + first + ".." + (first + (long) (expected.length / 32) * span - 1);
    byte[] found;
    try {
      found = source.read(path);
    } catch (NoSuchFileException e) {
      throw new LogIntegrityException(source.describe(path), "missing (covers " + range + ")");
    }
    if (found.length != expected.length) {
      throw new LogIntegrityException(
          source.describe(path),
          "has "
              + found.length
              + " bytes, expected "
              + expected.length
              + " (covers "
              + range
              + "; truncated or torn)");
    }
    for (int h = 0; h < expected.length / 32; h++) {
      if (!Arrays.equals(found, h * 32, h * 32 + 32, expected, h * 32, h * 32 + 32)) {
        long hashFirst = first + h * span;
        String suspect =
            level == 0
                ? " (either this tile or entry "
                    + hashFirst
                    + " in "
                    + source.describe(LogLayout.bundlePath(index, 0))
                    + "[.p/W] was altered)"
                : "";
        throw new LogIntegrityException(
            source.describe(path),
            "hash "
                + h
                + " (entries "
                + hashFirst
                + ".."
                + (hashFirst + span - 1)
                + ") is "
                + HEX.formatHex(found, h * 32, h * 32 + 32)
                + ", expected "
                + HEX.formatHex(expected, h * 32, h * 32 + 32)
                + " recomputed from the entries"
                + suspect);
      }
    }
  }

  /** One decoded bundle, or the violation found while decoding it. */
  private static final class Decoded {
    final long bundleIndex;
    final List<byte[]> entries = new ArrayList<>();
    final List<LedgerEntry> parsed = new ArrayList<>();
    final List<byte[]> leafHashes = new ArrayList<>();
    LogIntegrityException violation;
    IOException ioFailure;

    Decoded(long bundleIndex) {
      this.bundleIndex = bundleIndex;
    }

    void rethrow() throws LogIntegrityException, IOException {
      if (violation != null) {
        throw violation;
      }
      if (ioFailure != null) {
        throw ioFailure;
      }
    }
  }

  private static Decoded decodeBundle(LogSource source, long bundleIndex, long size) {
    Decoded d = new Decoded(bundleIndex);
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
      List<byte[]> entries;
      try {
        entries = LogLayout.decodeBundle(bytes);
      } catch (IllegalArgumentException e) {
        throw new LogIntegrityException(
            source.describe(path), e.getMessage() + " (covers " + range + "; truncated or torn)");
      }
      if (entries.size() != width) {
        throw new LogIntegrityException(
            source.describe(path),
            "holds " + entries.size() + " entries, expected " + width + " (covers " + range + ")");
      }
      for (int i = 0; i < entries.size(); i++) {
        byte[] e = entries.get(i);
        try {
          d.parsed.add(LedgerEntry.decode(e));
        } catch (EntryFormatException ex) {
          throw new LogIntegrityException(
              "entry " + (first + i) + " (in " + source.describe(path) + ")", ex.getMessage());
        }
        d.entries.add(e);
        d.leafHashes.add(MerkleHash.leafHash(e));
      }
    } catch (LogIntegrityException e) {
      d.violation = e;
    } catch (IOException e) {
      d.ioFailure = e;
    }
    return d;
  }
}
