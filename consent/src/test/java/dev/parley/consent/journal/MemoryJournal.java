package dev.parley.consent.journal;

import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A test journal: validates each body against the real ledger schema ({@link EntryType}) and keeps
 * the entries in memory; can be told to refuse appends.
 */
public final class MemoryJournal implements ConsentJournal {
  /** An appended entry. */
  public record Entry(EntryType type, JsonObject body) {}

  private final List<Entry> entries = new ArrayList<>();
  private volatile boolean refusing;

  /**
   * Returns the appended entries.
   *
   * @return a copy
   */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /**
   * Makes later appends fail.
   *
   * @param value true to refuse
   */
  public void refuse(boolean value) {
    refusing = value;
  }

  @Override
  public CompletableFuture<JournalEntry> recordChange(ConsentChange change) {
    return append(EntryType.CONSENT_CHANGED, ConsentEntries.changed(change));
  }

  @Override
  public CompletableFuture<JournalEntry> recordBatch(String summary) {
    return append(EntryType.LEDGER_NOTE, ConsentEntries.batch(summary));
  }

  @Override
  public CompletableFuture<JournalEntry> recordErasure(String subjectCommitment) {
    return append(EntryType.SUBJECT_ERASED, ConsentEntries.erased(subjectCommitment));
  }

  private synchronized CompletableFuture<JournalEntry> append(EntryType type, JsonObject body) {
    if (refusing) {
      return CompletableFuture.failedFuture(new IllegalStateException("ledger refuses appends"));
    }
    List<String> problems = type.validate(body);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    entries.add(new Entry(type, body));
    return CompletableFuture.completedFuture(
        new JournalEntry(entries.size() - 1L, type.wireName().getBytes(StandardCharsets.US_ASCII)));
  }
}
