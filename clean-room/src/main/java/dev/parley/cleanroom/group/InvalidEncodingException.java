package dev.parley.cleanroom.group;

/**
 * Thrown when bytes are not a valid encoding of a ristretto255 element or of a scalar.
 *
 * <p>{@link #reason()} names the check that failed, following the decoding steps of RFC 9496 §4.3.1
 * for elements and the canonical range check of §4.4 for scalars. Messages never contain the
 * rejected bytes: a scalar encoding may be secret.
 */
public final class InvalidEncodingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The check a rejected encoding failed. */
  public enum Reason {
    /** The input is null or not 32 bytes long. */
    WRONG_LENGTH,
    /** Element: s is not the canonical encoding of a field element (s >= p or bit 255 set). */
    NON_CANONICAL,
    /** Element: IS_NEGATIVE(s) is true (s is odd). */
    NEGATIVE,
    /** Element: SQRT_RATIO_M1 reported that the ratio is not a square. */
    NOT_SQUARE,
    /** Element: IS_NEGATIVE(t) is true for t = x * y. */
    NEGATIVE_XY,
    /** Element: y = 0 (for example s = -1). */
    Y_ZERO,
    /** Scalar: the value is not below the group order l. */
    SCALAR_OUT_OF_RANGE
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason the failed check
   * @param detail what exactly failed, without the rejected bytes
   */
  public InvalidEncodingException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  /**
   * Returns the failed check.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
