package dev.parley.ledger.store;

import dev.parley.ledger.entry.ChainHash;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sequencer's view of the log's right edge: turns a batch of queued appends into entries, the
 * files that must become durable for them, and the signed checkpoint that covers them. Nothing is
 * written here; {@link LedgerStore} writes and commits what {@link #build} returns.
 *
 * <p>Owns the state a batch advances: the tree's right edge ({@link TileState}), the chain hash,
 * the entry bundle being filled and which partial tiles are already on disk. Used by the sequencer
 * thread only.
 */
final class BatchBuilder {
  private final Path logDir;
  private final LedgerKeys keys;
  private final TileState tiles;
  private final BundleBuffer bundle;

  /** Per level, {@link #partialKey} of the partial tile last written. */
  private final long[] writtenPartial = new long[64];

  private byte[] chain;

  /**
   * Everything one batch must make durable, in the order the sequencer produced it.
   *
   * @param encoded the entries' bytes, in log order
   * @param files the new tiles and bundles (round 1)
   * @param checkpoint the new signed checkpoint file (replaced in round 2)
   * @param published the checkpoint and its note
   * @param obsoletePartials partial-tile directories made redundant by new full tiles
   * @param firstIndex the first entry's index
   * @param entryBytes the entries' total size
   */
  record Built(
      List<byte[]> encoded,
      List<DurableFiles.Write> files,
      DurableFiles.Write checkpoint,
      LedgerStore.Published published,
      List<String> obsoletePartials,
      long firstIndex,
      long entryBytes) {}

  /**
   * Starts from the state found at start-up.
   *
   * @param logDir the log directory
   * @param keys the checkpoint signing key
   * @param tiles the right edge of the tree
   * @param chain the chain hash of the last entry
   * @param bundleEntries the entries of the partial bundle on disk
   */
  BatchBuilder(
      Path logDir, LedgerKeys keys, TileState tiles, byte[] chain, List<byte[]> bundleEntries) {
    this.logDir = logDir;
    this.keys = keys;
    this.tiles = tiles;
    this.chain = chain;
    this.bundle = new BundleBuffer(bundleEntries);
    for (int level = 0; level < tiles.levelCount(); level++) {
      writtenPartial[level] = partialKey(tiles.partialIndex(level), tiles.partialWidth(level));
    }
  }

  /**
   * Stamps, hashes and integrates a batch, and signs the checkpoint covering it.
   *
   * @param batch the appends, in queue order
   * @param now the batch's time
   * @return what must become durable
   */
  Built build(List<QueuedAppend> batch, Instant now) {
    long entryBytes = 0;
    List<DurableFiles.Write> writes = new ArrayList<>();
    List<TileState.FullTile> completed = new ArrayList<>();
    List<String> obsoletePartials = new ArrayList<>();
    List<byte[]> encoded = new ArrayList<>(batch.size());
    Map<EntryType, byte[]> tails = new EnumMap<>(EntryType.class);
    long firstIndex = tiles.size();
    for (QueuedAppend p : batch) {
      byte[] tail = tails.computeIfAbsent(p.type(), t -> LedgerEntry.tail(t, now));
      byte[] bytes = LedgerEntry.encode(chain, p.body(), tail);
      byte[] leaf = LedgerEntry.finishLeafHash(p.leafHash(), bytes, p.body().length);
      chain = ChainHash.next(chain, leaf);
      long index = tiles.size();
      tiles.append(leaf, completed);
      bundle.add(bytes);
      encoded.add(bytes);
      entryBytes += bytes.length;
      if (bundle.count() == TileState.WIDTH) {
        long bundleIndex = index / TileState.WIDTH;
        writes.add(
            DurableFiles.Write.publicFile(
                logDir.resolve(LogLayout.bundlePath(bundleIndex, 0)),
                bundle.bytes(),
                bundle.length()));
        obsoletePartials.add(LogLayout.bundlePath(bundleIndex, 0) + ".p");
        bundle.clear();
      }
    }
    for (TileState.FullTile t : completed) {
      writes.add(publicFile(LogLayout.tilePath(t.level(), t.index(), 0), t.bytes()));
      obsoletePartials.add(LogLayout.tilePath(t.level(), t.index(), 0) + ".p");
    }
    for (int level = 0; level < tiles.levelCount(); level++) {
      int w = tiles.partialWidth(level);
      long key = partialKey(tiles.partialIndex(level), w);
      if (w > 0 && writtenPartial[level] != key) {
        writes.add(
            publicFile(
                LogLayout.tilePath(level, tiles.partialIndex(level), w), tiles.partialTile(level)));
        writtenPartial[level] = key;
      }
    }
    if (bundle.count() > 0) {
      writes.add(
          DurableFiles.Write.publicFile(
              logDir.resolve(LogLayout.bundlePath(tiles.size() / TileState.WIDTH, bundle.count())),
              bundle.bytes(),
              bundle.length()));
    }
    LedgerStore.Published published = keys.sign(tiles.size(), tiles.root());
    return new Built(
        encoded,
        writes,
        publicFile(LogLayout.CHECKPOINT, published.note()),
        published,
        obsoletePartials,
        firstIndex,
        entryBytes);
  }

  private DurableFiles.Write publicFile(String path, byte[] bytes) {
    return DurableFiles.Write.publicFile(logDir.resolve(path), bytes);
  }

  private static long partialKey(long index, int width) {
    return index * 256 + width;
  }
}
