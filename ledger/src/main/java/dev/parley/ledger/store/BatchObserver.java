package dev.parley.ledger.store;

import dev.parley.ledger.io.DurableFiles;
import java.util.List;

/** Receives one report per committed batch of a {@link LedgerStore}, for benchmarks and metrics. */
@FunctionalInterface
public interface BatchObserver {
  /** The observer that ignores every report. */
  BatchObserver NONE = report -> {};

  /**
   * Called on the committer thread after a batch is durable and acknowledged; must be cheap, since
   * the next commit waits for it.
   *
   * @param report the batch
   */
  void onBatch(Report report);

  /**
   * One committed batch.
   *
   * <p>The writes are those of round 1 of the batch's durable write ({@link DurableFiles#prepare}):
   * their paths and lengths may be kept, but their byte arrays are the store's buffers, which later
   * batches overwrite, so an observer must not read or keep them.
   *
   * @param entries entries in the batch
   * @param entryBytes their total encoded size
   * @param nanos time from taking the batch to acknowledging it
   * @param files the new tiles and bundles the batch wrote
   * @param checkpoint the checkpoint it wrote (under a temp name, then renamed over this path)
   */
  record Report(
      int entries,
      long entryBytes,
      long nanos,
      List<DurableFiles.Write> files,
      DurableFiles.Write checkpoint) {}
}
