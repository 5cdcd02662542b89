package dev.parley.consent.store;

/** A write that could not complete because the ledger or the disk failed. */
public final class ConsentStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what was nevertheless recorded
   * @param cause the underlying failure
   */
  public ConsentStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
