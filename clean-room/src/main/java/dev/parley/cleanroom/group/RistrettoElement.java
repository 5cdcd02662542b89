package dev.parley.cleanroom.group;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An element of the prime-order group ristretto255 (RFC 9496 §4); immutable.
 *
 * <p>Internally an edwards25519 point in extended coordinates; many points represent one element,
 * so elements are compared only with the ristretto255 equality (§4.3.3) or by encoding, never by
 * coordinates.
 *
 * <p>Timing: {@link #multiply}, {@link #add}, {@link #negate}, {@link #encode}, {@link #equals} and
 * {@link #fromUniformBytes} are constant-time (no branch or memory index depends on secret data).
 * {@link #decode} is constant-time for valid encodings and reveals by its timing only which check a
 * rejected encoding failed; encodings are public. {@link #hashCode} encodes the element and is
 * meant for public elements. There are no variable-time operations: the verifier-side
 * multiplications in DLEQ verification use the same constant-time code.
 */
public final class RistrettoElement {
  /** Length in bytes of an encoded element (Ne in RFC 9497). */
  public static final int ENCODED_LENGTH = 32;

  private static final RistrettoElement IDENTITY = new RistrettoElement(EdwardsPoint.identity());

  private static final RistrettoElement GENERATOR =
      decode(
          HexFormat.of()
              .parseHex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"));

  private final EdwardsPoint point;

  private RistrettoElement(EdwardsPoint point) {
    this.point = point;
  }

  /** Wraps a point computed in this package; the caller hands over ownership. */
  static RistrettoElement of(EdwardsPoint point) {
    return new RistrettoElement(point);
  }

  /** The underlying point, for the algorithms of this package; callers must not modify it. */
  EdwardsPoint point() {
    return point;
  }

  /**
   * Returns the identity element (encoded as 32 zero bytes).
   *
   * @return the identity
   */
  public static RistrettoElement identity() {
    return IDENTITY;
  }

  /**
   * Returns the canonical generator (RFC 9496 §4, the Curve25519 base point).
   *
   * @return the generator
   */
  public static RistrettoElement generator() {
    return GENERATOR;
  }

  /**
   * Decodes a 32-byte encoding (RFC 9496 §4.3.1). The identity (all zeros) is a valid encoding;
   * protocols that must refuse it check {@link #isIdentity()}.
   *
   * @param encoding 32 bytes
   * @return the element
   * @throws InvalidEncodingException naming the failed check: {@code WRONG_LENGTH}, {@code
   *     NON_CANONICAL}, {@code NEGATIVE}, {@code NOT_SQUARE}, {@code NEGATIVE_XY} or {@code Y_ZERO}
   */
  public static RistrettoElement decode(byte[] encoding) {
    return new RistrettoElement(RistrettoCodec.decode(encoding));
  }

  /**
   * Derives an element from 64 uniformly random bytes with the one-way map (RFC 9496 §4.3.4):
   * MAP(b[0:32]) + MAP(b[32:64]). Constant-time.
   *
   * @param uniformBytes exactly 64 bytes, typically from expand_message
   * @return the element
   */
  public static RistrettoElement fromUniformBytes(byte[] uniformBytes) {
    return new RistrettoElement(RistrettoCodec.fromUniformBytes(uniformBytes));
  }

  /**
   * Returns the canonical 32-byte encoding (RFC 9496 §4.3.2).
   *
   * @return a fresh 32-byte array
   */
  public byte[] encode() {
    return RistrettoCodec.encode(point);
  }

  /**
   * Returns this + other.
   *
   * @param other the addend
   * @return the sum
   */
  public RistrettoElement add(RistrettoElement other) {
    return new RistrettoElement(point.plus(other.point));
  }

  /**
   * Returns this - other.
   *
   * @param other the subtrahend
   * @return the difference
   */
  public RistrettoElement subtract(RistrettoElement other) {
    return add(other.negate());
  }

  /**
   * Returns -this.
   *
   * @return the negation
   */
  public RistrettoElement negate() {
    EdwardsPoint p = point.copy();
    p.negate();
    return new RistrettoElement(p);
  }

  /**
   * Returns 2 * this.
   *
   * @return the double
   */
  public RistrettoElement twice() {
    return new RistrettoElement(point.doubled());
  }

  /**
   * Returns k * this, in time independent of k (signed fixed-window, masked table lookup); to
   * multiply many elements by one scalar, {@link ScalarMultiplier} recodes the scalar only once.
   *
   * @param k the scalar, possibly secret
   * @return the product
   */
  public RistrettoElement multiply(Scalar k) {
    byte[] bytes = k.littleEndianBytes();
    byte[] digits = SignedRadix16.recode(bytes);
    try {
      return new RistrettoElement(SignedRadix16.multiply(point, digits));
    } finally {
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(digits, (byte) 0);
    }
  }

  /**
   * Returns k * generator (ScalarMultGen in RFC 9497), constant-time in k.
   *
   * @param k the scalar, possibly secret
   * @return the product
   */
  public static RistrettoElement multiplyGenerator(Scalar k) {
    return GENERATOR.multiply(k);
  }

  /**
   * Tells whether this is the identity element.
   *
   * @return true for the identity
   */
  public boolean isIdentity() {
    return RistrettoCodec.elementsEqual(point, IDENTITY.point);
  }

  /** Ristretto255 equality (RFC 9496 §4.3.3), constant-time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RistrettoElement other && RistrettoCodec.elementsEqual(point, other.point);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  /**
   * Returns a fixed string: an element can stand for a private input (a hashed identifier, an OPRF
   * token), so its encoding is never put in logs by accident.
   */
  @Override
  public String toString() {
    return "RistrettoElement[redacted]";
  }
}
