package dev.parley.ledger.entry;

/** Thrown when bytes are not a well-formed ledger entry; the message names the field and reason. */
public final class EntryFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public EntryFormatException(String message) {
    super(message);
  }
}
