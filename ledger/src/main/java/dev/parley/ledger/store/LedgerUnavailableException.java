package dev.parley.ledger.store;

/**
 * Thrown when the ledger refuses appends: its files failed the start-up check or a write failed,
 * and an operator must act. The message says why, naming the file.
 */
public final class LedgerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the ledger is unavailable
   */
  public LedgerUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message why the ledger is unavailable
   * @param cause the failure
   */
  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
