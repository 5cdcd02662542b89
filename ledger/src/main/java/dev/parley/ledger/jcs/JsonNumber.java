package dev.parley.ledger.jcs;

/**
 * A JSON number: a finite IEEE-754 double, the only number type RFC 8785 knows (§3.2.2.3).
 *
 * <p>{@code -0.0} is stored as {@code 0.0} because both serialize to {@code 0}; this keeps {@link
 * #equals} in step with canonical equality. NaN and the infinities are not JSON and are rejected.
 * Integers are exact only up to 2<sup>53</sup>; {@link #of(long)} and {@link #longValue()} refuse
 * anything outside the I-JSON safe range (RFC 7493 §2.2) instead of silently rounding.
 *
 * @param value the number
 */
public record JsonNumber(double value) implements JsonValue {
  /** The largest integer n such that every integer in [-n, n] is exact in a double: 2^53 - 1. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /**
   * Validates the number and maps {@code -0.0} to {@code 0.0}.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public JsonNumber {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "JSON number must be finite, got " + value + " (RFC 8785 §3.2.2.3)");
    }
    if (value == 0.0) {
      value = 0.0; // "-0" serializes as "0"; keep one representation
    }
  }

  /**
   * Returns a JSON number.
   *
   * @param value a finite double
   * @return the number
   */
  public static JsonNumber of(double value) {
    return new JsonNumber(value);
  }

  /**
   * Returns a JSON number holding an integer exactly.
   *
   * @param value an integer with {@code |value| <= MAX_SAFE_INTEGER}
   * @return the number
   * @throws IllegalArgumentException if {@code value} is outside the safe range, where a double
   *     could not hold it exactly
   */
  public static JsonNumber of(long value) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(
          "integer " + value + " is outside the I-JSON safe range ±(2^53-1) (RFC 7493 §2.2)");
    }
    return new JsonNumber((double) value);
  }

  /**
   * Returns the value as an exact integer.
   *
   * @return the integer
   * @throws ArithmeticException if the value is not an integer in the safe range ±(2^53-1)
   */
  public long longValue() {
    if (value != Math.rint(value) || Math.abs(value) > MAX_SAFE_INTEGER) {
      throw new ArithmeticException(
          "JSON number " + Jcs.numberToString(value) + " is not an integer within ±(2^53-1)");
    }
    return (long) value;
  }
}
