package dev.parley.ledger.audit;

/**
 * Thrown when a log fails verification; the message names the file (or entry index) and, where it
 * applies, the range of entry indexes the damaged file covers and what was expected vs found.
 */
public final class LogIntegrityException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String location;

  /**
   * Creates the exception.
   *
   * @param location the file path or {@code entry N} where the first violation is
   * @param message what is wrong
   */
  public LogIntegrityException(String location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  /**
   * Returns where the violation is.
   *
   * @return a file path or {@code entry N}
   */
  public String location() {
    return location;
  }
}
