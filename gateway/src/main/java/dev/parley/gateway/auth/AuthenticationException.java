package dev.parley.gateway.auth;

/**
 * Thrown when a request carries a credential that is not valid (unknown, expired or malformed). The
 * message says which kind of credential failed and why, never the credential itself.
 */
public final class AuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without the credential
   */
  public AuthenticationException(String message) {
    super(message);
  }
}
