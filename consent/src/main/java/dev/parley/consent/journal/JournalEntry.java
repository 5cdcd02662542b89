package dev.parley.consent.journal;

import java.util.Objects;

/** An acknowledged ledger entry: its index and canonical bytes (durable when acknowledged). */
public final class JournalEntry {
  private final long index;
  private final byte[] entry;

  /**
   * Creates an acknowledgement.
   *
   * @param index the entry's position in the ledger
   * @param entry the entry bytes as stored (copied); empty if the journal keeps none
   */
  public JournalEntry(long index, byte[] entry) {
    if (index < 0) {
      throw new IllegalArgumentException("index: must be >= 0, got " + index);
    }
    this.index = index;
    this.entry = Objects.requireNonNull(entry, "entry").clone();
  }

  /**
   * Returns the entry's position in the ledger.
   *
   * @return the index
   */
  public long index() {
    return index;
  }

  /**
   * Returns a copy of the entry bytes.
   *
   * @return the bytes
   */
  public byte[] entry() {
    return entry.clone();
  }

  @Override
  public String toString() {
    return "JournalEntry[index=" + index + ", " + entry.length + " bytes]";
  }
}
