package dev.parley.ledger.note;

/** A note that does not follow the signed-note syntax, with the 1-based line at fault. */
public final class MalformedNoteException extends NoteException {
  private final int line;

  /**
   * Creates the exception.
   *
   * @param line the 1-based line number
   * @param reason what is wrong on that line
   */
  public MalformedNoteException(int line, String reason) {
    super("malformed note: line " + line + ": " + reason);
    this.line = line;
  }

  /**
   * Returns the line at fault.
   *
   * @return the 1-based line number
   */
  public int line() {
    return line;
  }
}
