package dev.parley.consent.journal;

import java.util.concurrent.CompletableFuture;

/**
 * Where the consent store records every change: in production the Parley ledger ({@link
 * LedgerJournal}). Calls made from one thread must be sequenced in call order, so that ledger order
 * is the order of the store's writes.
 */
public interface ConsentJournal {
  /**
   * Appends a {@code consent.changed} entry.
   *
   * @param change the change
   * @return the acknowledged entry, once durable
   */
  CompletableFuture<JournalEntry> recordChange(ConsentChange change);

  /**
   * Appends one entry summarizing a bulk import batch (records that get no entry of their own).
   *
   * @param summary a one-line summary with the batch's record count and digest
   * @return the acknowledged entry, once durable
   */
  CompletableFuture<JournalEntry> recordBatch(String summary);

  /**
   * Appends a {@code subject.erased} entry.
   *
   * @param subjectCommitment the erased subject's commitment (64 hex), computed before its salt was
   *     destroyed
   * @return the acknowledged entry, once durable
   */
  CompletableFuture<JournalEntry> recordErasure(String subjectCommitment);
}
