package dev.parley.ledger.store;

import dev.parley.ledger.receipt.Receipt;

/** Builds receipts for entries of a {@link LedgerStore}. */
public final class Receipts {
  private Receipts() {}

  /**
   * Returns the receipt of entry {@code index} against the newest checkpoint.
   *
   * @param store the ledger
   * @param index the entry index
   * @return the receipt
   * @throws IllegalArgumentException if {@code index} is not in the log
   */
  public static Receipt forIndex(LedgerStore store, long index) {
    LedgerStore.Published latest = store.latest();
    long size = latest.checkpoint().size();
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index: must be 0-" + (size - 1) + ", got " + index);
    }
    TileReader reader = store.reader();
    return new Receipt(
        index, reader.entry(index), reader.inclusionProof(index, size), latest.note());
  }

  /**
   * Returns the receipt of a just-acknowledged append (against the checkpoint that first covered
   * it).
   *
   * @param store the ledger
   * @param appended the acknowledgement
   * @return the receipt
   */
  public static Receipt forAppend(LedgerStore store, Appended appended) {
    long size = appended.checkpoint().size();
    return new Receipt(
        appended.index(),
        appended.entry(),
        store.reader().inclusionProof(appended.index(), size),
        appended.checkpointNote());
  }
}
