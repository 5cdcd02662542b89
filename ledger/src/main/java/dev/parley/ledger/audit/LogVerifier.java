package dev.parley.ledger.audit;

import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryScanner;
import dev.parley.ledger.entry.EntryType;
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
 * <p>Bundles are checked in parallel in chunks: each entry's form (first by {@link EntryScanner}'s
 * fast proof, else by the full parser, which also words the violation), its leaf hash, the chain
 * links between the entries of one bundle (entry i's {@code prev} against SHA-256 of entry i-1's
 * {@code prev} and leaf hash), and each full bundle's level-0 tile and its root. The results are
 * then folded in order: the first entry of each bundle is chained to the bundle before, higher
 * tiles are built and compared, and violations are reported in log order, so the first one named is
 * the same as a sequential check would name. If every {@code prev} matches its predecessor's link
 * and the first is the genesis hash, each {@code prev} is by induction the chain hash of all
 * entries before it. Memory stays bounded by one chunk.
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
      List<BundleCheck> decoded =
          IntStream.range(0, n)
              .parallel()
              .mapToObj(i -> BundleCheck.check(source, chunkStart + i, size))
              .toList();
      for (BundleCheck d : decoded) {
        d.rethrow();
        long base = d.bundleIndex * TileState.WIDTH;
        int width = d.leaves.length;
        boolean whole =
            width == TileState.WIDTH
                && (trusted == null
                    || trusted.size() <= base
                    || trusted.size() >= base + TileState.WIDTH);
        if (whole) {
          // Entries 1..255 were chained against each other in parallel; only entry 0 depends on
          // the bundles before.
          checkPrev(base, d.prevs[0], chain);
          if (d.chainBreak > 0) {
            checkPrev(base + d.chainBreak, d.prevs[d.chainBreak], d.chainAtBreak);
          }
          chain = d.chainOut;
          d.rethrowTile();
          tiles.appendFullTile(d.tile, d.tileRoot, completed);
          checkCompleted(source, completed, 1); // level 0 was compared in parallel
          if (trusted != null && tiles.size() == trusted.size()) {
            checkRoot(trusted, tiles.root());
          }
        } else {
          for (int i = 0; i < width; i++) {
            long index = base + i;
            checkPrev(index, d.prevs[i], chain);
            byte[] leaf = d.leaves[i];
            chain = ChainHash.next(chain, leaf);
            tiles.append(leaf, completed);
            checkCompleted(source, completed, 0);
            if (trusted != null && tiles.size() == trusted.size()) {
              checkRoot(trusted, tiles.root());
            }
          }
        }
        d.typeCounts.forEach((t, c) -> counts.merge(t, c, Long::sum));
        lastBundle = width < TileState.WIDTH ? d.entries() : List.of();
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

  /** Checks the stored copies of newly completed full tiles from {@code fromLevel} up. */
  private static void checkCompleted(
      LogSource source, List<TileState.FullTile> completed, int fromLevel)
      throws LogIntegrityException, IOException {
    for (TileState.FullTile t : completed) {
      if (t.level() >= fromLevel) {
        checkTile(
            source, LogLayout.tilePath(t.level(), t.index(), 0), t.bytes(), t.level(), t.index());
      }
    }
    completed.clear();
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

  static void checkTile(LogSource source, String path, byte[] expected, int level, long index)
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

  private static void checkPrev(long index, byte[] prev, byte[] chain)
      throws LogIntegrityException {
    if (!Arrays.equals(prev, chain)) {
      throw new LogIntegrityException(
          "entry " + index,
          "prev is "
              + HEX.formatHex(prev)
              + " but the chain hash of entries 0.."
              + (index - 1)
              + " is "
              + HEX.formatHex(chain));
    }
  }
}
