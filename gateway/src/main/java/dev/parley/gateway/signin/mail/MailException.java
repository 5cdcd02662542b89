package dev.parley.gateway.signin.mail;

/**
 * Thrown when a mail could not be delivered. Its message never holds the recipient or the text; the
 * cause's class (not its message, which may echo the recipient) says what failed.
 */
public final class MailException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without personal data
   * @param cause the underlying failure
   */
  public MailException(String message, Throwable cause) {
    super(message + " (" + cause.getClass().getName() + ")");
  }
}
