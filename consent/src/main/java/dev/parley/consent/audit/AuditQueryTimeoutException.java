package dev.parley.consent.audit;

/** An auditor's query that ran past its time limit and was cancelled. */
public final class AuditQueryTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the limit exceeded
   * @param cause Jena's cancellation
   */
  public AuditQueryTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
