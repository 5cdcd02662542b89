package dev.parley.consent.journal;

import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.store.Appended;
import dev.parley.ledger.store.LedgerStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The production journal: appends consent events to the Parley ledger. {@link LedgerStore#append}
 * queues in call order, so entries keep the store's write order.
 */
public final class LedgerJournal implements ConsentJournal {
  private final LedgerStore ledger;

  /**
   * Wraps an open ledger.
   *
   * @param ledger the ledger store
   */
  public LedgerJournal(LedgerStore ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public CompletableFuture<JournalEntry> recordChange(ConsentChange change) {
    return ledger
        .append(EntryType.CONSENT_CHANGED, ConsentEntries.changed(change))
        .thenApply(LedgerJournal::entry);
  }

  @Override
  public CompletableFuture<JournalEntry> recordBatch(String summary) {
    return ledger
        .append(EntryType.LEDGER_NOTE, ConsentEntries.batch(summary))
        .thenApply(LedgerJournal::entry);
  }

  @Override
  public CompletableFuture<JournalEntry> recordErasure(String subjectCommitment) {
    return ledger
        .append(EntryType.SUBJECT_ERASED, ConsentEntries.erased(subjectCommitment))
        .thenApply(LedgerJournal::entry);
  }

  private static JournalEntry entry(Appended a) {
    return new JournalEntry(a.index(), a.entry());
  }
}
