package dev.parley.ledger.checkpoint;

/** A checkpoint text that breaks the tlog-checkpoint rules, with the 1-based line at fault. */
public final class CheckpointFormatException extends IllegalArgumentException {
  private final int line;

  /**
   * Creates the exception.
   *
   * @param line the 1-based line of the checkpoint text (also its line in the signed note)
   * @param reason what is wrong
   */
  public CheckpointFormatException(int line, String reason) {
    super("checkpoint line " + line + ": " + reason);
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
