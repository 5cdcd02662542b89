package dev.parley.consent.tcf;

/** A TC string that cannot be imported, with the reason (never echoing the string). */
public final class InvalidTcStringException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason why the string was rejected
   */
  public InvalidTcStringException(String reason) {
    super(reason);
  }
}
