package dev.parley.ledger.secret;

/**
 * A capability token that code must present to read secret key bytes.
 *
 * <p>Every accessor that returns raw secret material (a signing seed, an OPRF scalar) takes a
 * {@code SecretKeyAccess} argument. The token carries no data; its only purpose is to make each
 * place that touches secret bytes explicit and greppable ({@code SecretKeyAccess.grant()}), in the
 * style of Tink's {@code InsecureSecretKeyAccess}. Code reviews look for every call to {@link
 * #grant()}: there should be very few, all in key storage and in the primitives themselves.
 */
public final class SecretKeyAccess {
  private static final SecretKeyAccess INSTANCE = new SecretKeyAccess();

  private SecretKeyAccess() {}

  /**
   * Returns the access token. Callers declare, by calling this, that they handle secret bytes.
   *
   * @return the singleton token
   */
  public static SecretKeyAccess grant() {
    return INSTANCE;
  }

  /**
   * Checks that a caller passed a token.
   *
   * @param access the token presented by the caller
   * @throws NullPointerException if {@code access} is null
   */
  public static void require(SecretKeyAccess access) {
    if (access == null) {
      throw new NullPointerException("secret key access token required");
    }
  }
}
