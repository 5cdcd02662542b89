package dev.parley.cleanroom.group;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An integer modulo the ristretto255 group order l = 2^252 + 27742317777372353535851937790883648493
 * (RFC 9496 §4.4); immutable.
 *
 * <p>Arithmetic, encoding, equality and inversion run in constant time (see {@link
 * ScalarArithmetic}). {@link #decode} computes its range check in constant time and then throws, so
 * only whether an encoding was canonical can show in its timing. {@link #toString()} never shows
 * the value; classes that hold secret scalars (keys, blinds) do not hand out their {@code Scalar}
 * without a {@code SecretKeyAccess} token.
 */
public final class Scalar {
  /** Length in bytes of an encoded scalar (Ns in RFC 9497). */
  public static final int ENCODED_LENGTH = 32;

  /** The group order l. */
  public static final BigInteger ORDER = ScalarArithmetic.ORDER;

  /** The scalar 0. */
  public static final Scalar ZERO = new Scalar(new int[ScalarArithmetic.WORDS]);

  /** The scalar 1. */
  public static final Scalar ONE = new Scalar(ScalarArithmetic.fromBigInteger(BigInteger.ONE));

  private final int[] words;

  private Scalar(int[] words) {
    this.words = words;
  }

  /**
   * Decodes a canonical 32-byte little-endian scalar (RFC 9496 §4.4; RFC 9497 DeserializeScalar).
   *
   * @param bytes 32 bytes encoding a value below l
   * @return the scalar
   * @throws InvalidEncodingException with reason {@code WRONG_LENGTH} or {@code
   *     SCALAR_OUT_OF_RANGE} (value >= l, which includes any of the top three bits set)
   */
  public static Scalar decode(byte[] bytes) {
    if (bytes == null || bytes.length != ENCODED_LENGTH) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.WRONG_LENGTH,
          "scalar must be 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    int[] w = ScalarArithmetic.load(bytes, 0);
    if (ScalarArithmetic.isBelowOrder(w) == 0) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.SCALAR_OUT_OF_RANGE,
          "scalar encoding is not below the group order l");
    }
    return new Scalar(w);
  }

  /**
   * Reduces a 64-byte little-endian integer modulo l (the wide reduction RFC 9496 §4.4 and RFC 9497
   * HashToScalar use).
   *
   * @param bytes exactly 64 bytes
   * @return the reduced scalar
   */
  public static Scalar fromBytesWide(byte[] bytes) {
    if (bytes == null || bytes.length != 64) {
      throw new IllegalArgumentException(
          "wide scalar input must be 64 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new Scalar(ScalarArithmetic.reduceWide(bytes));
  }

  /**
   * Returns a uniformly random nonzero scalar: 64 random bytes reduced modulo l (RFC 9497 §4.7,
   * "Random Number Generation Using Extra Random Bits"), retried in the negligible case of zero.
   *
   * @param random the source of randomness
   * @return a random scalar in [1, l)
   */
  public static Scalar random(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] wide = new byte[64];
    while (true) {
      random.nextBytes(wide);
      Scalar s = fromBytesWide(wide);
      Arrays.fill(wide, (byte) 0);
      if (!s.isZero()) {
        return s;
      }
    }
  }

  /**
   * Returns the scalar with a small non-negative value; for constants and tests.
   *
   * @param value a value >= 0
   * @return value mod l
   */
  public static Scalar of(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0, got " + value);
    }
    return new Scalar(ScalarArithmetic.fromBigInteger(BigInteger.valueOf(value)));
  }

  /**
   * Returns the canonical 32-byte little-endian encoding (RFC 9497 SerializeScalar).
   *
   * @return a fresh 32-byte array
   */
  public byte[] toBytes() {
    return ScalarArithmetic.store(words);
  }

  /**
   * Returns this + other mod l.
   *
   * @param other the addend
   * @return the sum
   */
  public Scalar add(Scalar other) {
    return new Scalar(ScalarArithmetic.add(words, other.words));
  }

  /**
   * Returns this - other mod l.
   *
   * @param other the subtrahend
   * @return the difference
   */
  public Scalar subtract(Scalar other) {
    return new Scalar(ScalarArithmetic.sub(words, other.words));
  }

  /**
   * Returns this * other mod l.
   *
   * @param other the factor
   * @return the product
   */
  public Scalar multiply(Scalar other) {
    return new Scalar(ScalarArithmetic.mul(words, other.words));
  }

  /**
   * Returns -this mod l.
   *
   * @return the negation
   */
  public Scalar negate() {
    return new Scalar(ScalarArithmetic.sub(ZERO.words, words));
  }

  /**
   * Returns the multiplicative inverse mod l (RFC 9497 ScalarInverse), computed in constant time.
   *
   * @return this^-1
   * @throws ArithmeticException if this is zero (the only check that depends on the value)
   */
  public Scalar invert() {
    if (isZero()) {
      throw new ArithmeticException("zero has no inverse modulo l");
    }
    return new Scalar(ScalarArithmetic.invert(words));
  }

  /**
   * Tells whether this is zero (constant-time comparison).
   *
   * @return true for the scalar 0
   */
  public boolean isZero() {
    return ScalarArithmetic.equal(words, ZERO.words) == 1;
  }

  /** Returns the 32-byte little-endian value for the point multiplication in this package. */
  byte[] littleEndianBytes() {
    return ScalarArithmetic.store(words);
  }

  /** Compares values in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar other && ScalarArithmetic.equal(words, other.words) == 1;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  /** Returns a fixed string: scalars are often secret. */
  @Override
  public String toString() {
    return "Scalar[redacted]";
  }
}
