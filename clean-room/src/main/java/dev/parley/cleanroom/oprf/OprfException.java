package dev.parley.cleanroom.oprf;

/**
 * Thrown when an RFC 9497 operation fails; {@link #kind()} is the error the RFC names (§5.3).
 *
 * <p>Messages say what failed and where (which list, which index) but never carry private inputs,
 * blinds or keys.
 */
public final class OprfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The errors of RFC 9497 §5.3. */
  public enum Kind {
    /** DeserializeError: bytes are not a valid element or scalar encoding. */
    DESERIALIZE_ERROR,
    /** InputValidationError: an element is the identity, or an input is out of bounds. */
    INPUT_VALIDATION_ERROR,
    /** InvalidInputError: the private input hashes to the identity element. */
    INVALID_INPUT_ERROR,
    /** VerifyError: the DLEQ proof does not verify. */
    VERIFY_ERROR,
    /** DeriveKeyPairError: no nonzero key after 256 attempts. */
    DERIVE_KEY_PAIR_ERROR
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind the RFC 9497 error
   * @param message what failed and where, without secrets
   */
  public OprfException(Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param kind the RFC 9497 error
   * @param message what failed and where, without secrets
   * @param cause the underlying failure
   */
  public OprfException(Kind kind, String message, Throwable cause) {
    super(kind + ": " + message, cause);
    this.kind = kind;
  }

  /**
   * Returns the RFC 9497 error.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
