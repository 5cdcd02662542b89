package dev.parley.ledger.bench;

import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.store.BatchObserver;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ledger's file protocol on its own: replays the files a bench run wrote, batch by batch,
 * through the same two-round durable write ({@link DurableFiles#prepare}, then {@link
 * DurableFiles.Prepared#commit}) and the same number of threads, into a fresh directory, with zero
 * bytes of the same lengths and nothing else: no validation, hashing, signing, queueing or
 * acknowledging.
 *
 * <p>Its entries per second are what the ledger's durability rule (an append is acknowledged only
 * after its bundle, tiles and a checkpoint covering it are durable, each written under its final
 * name or by temp file and rename, with the file and its directory forced) allows on this disk for
 * these batches, whatever the rest of the implementation costs. Divided by the plain-fsync baseline
 * of the same batches it bounds the bench's {@code ratio}.
 */
final class ProtocolFloor {
  private ProtocolFloor() {}

  /**
   * What one committed batch wrote.
   *
   * @param entries entries in the batch
   * @param entryBytes their total size
   * @param paths every new tile and bundle, then the checkpoint
   * @param lengths the size of each, in the same order
   */
  @SuppressWarnings("ArrayRecordComponent") // a bench's private figures, never compared
  record Batch(int entries, long entryBytes, List<Path> paths, int[] lengths) {
    /**
     * Keeps the paths and lengths of a report (never its byte arrays, which the store reuses).
     *
     * @param r the report
     * @return the batch
     */
    static Batch of(BatchObserver.Report r) {
      int n = r.files().size();
      List<Path> paths = new ArrayList<>(n + 1);
      int[] lengths = new int[n + 1];
      for (int i = 0; i < n; i++) {
        paths.add(r.files().get(i).path());
        lengths[i] = r.files().get(i).length();
      }
      paths.add(r.checkpoint().path());
      lengths[n] = r.checkpoint().length();
      return new Batch(r.entries(), r.entryBytes(), List.copyOf(paths), lengths);
    }
  }

  /**
   * Replays the batches in order under {@code target}.
   *
   * @param logDir the directory the batches' paths are in
   * @param target an empty directory for the replay
   * @param batches the batches, in commit order
   * @return entries per second of the replay
   * @throws IOException if a write fails
   */
  static double replay(Path logDir, Path target, List<Batch> batches) throws IOException {
    int maxLength = 1;
    long entries = 0;
    for (Batch b : batches) {
      entries += b.entries();
      for (int length : b.lengths()) {
        maxLength = Math.max(maxLength, length);
      }
    }
    byte[] zeros = new byte[maxLength];
    List<List<DurableFiles.Write>> files = new ArrayList<>(batches.size());
    List<DurableFiles.Write> checkpoints = new ArrayList<>(batches.size());
    for (Batch b : batches) {
      List<DurableFiles.Write> writes = new ArrayList<>(b.paths().size());
      for (int i = 0; i < b.paths().size(); i++) {
        Path p = target.resolve(logDir.relativize(b.paths().get(i)));
        writes.add(DurableFiles.Write.publicFile(p, zeros, b.lengths()[i]));
      }
      checkpoints.add(writes.removeLast());
      files.add(writes);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            LedgerStore.FSYNC_THREADS,
            Thread.ofPlatform().daemon().name("floor-fsync-", 0).factory());
    try {
      long t0 = System.nanoTime();
      for (int i = 0; i < files.size(); i++) {
        DurableFiles.prepare(files.get(i), checkpoints.get(i), pool, ".tmp-checkpoint-" + i)
            .commit();
      }
      return entries / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }
}
