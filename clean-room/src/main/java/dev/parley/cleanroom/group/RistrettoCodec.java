package dev.parley.cleanroom.group;

import static dev.parley.cleanroom.group.Field25519.abs;
import static dev.parley.cleanroom.group.Field25519.add;
import static dev.parley.cleanroom.group.Field25519.cmov;
import static dev.parley.cleanroom.group.Field25519.equal;
import static dev.parley.cleanroom.group.Field25519.isNegative;
import static dev.parley.cleanroom.group.Field25519.mul;
import static dev.parley.cleanroom.group.Field25519.neg;
import static dev.parley.cleanroom.group.Field25519.one;
import static dev.parley.cleanroom.group.Field25519.sqr;
import static dev.parley.cleanroom.group.Field25519.sub;
import static dev.parley.cleanroom.group.Field25519.zero;

import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * The ristretto255 encoding, decoding, equality and one-way map of RFC 9496 §4.
 *
 * <p>Each function follows the pseudocode of its section line by line; comments quote it. All of
 * them are constant-time except {@link #decode}, which computes every check in constant time and
 * then throws for the first failing one: only the validity of an (already public) encoding, and
 * which check it failed, can show in its timing.
 */
final class RistrettoCodec {
  /** SQRT_M1, a square root of -1 (RFC 9496 §4.1). */
  static final long[] SQRT_M1 =
      constant("19681161376707505956807079304988542015446066515923890162744021073123829784752");

  /** SQRT_AD_MINUS_ONE = sqrt(a*d - 1) (RFC 9496 §4.1). */
  static final long[] SQRT_AD_MINUS_ONE =
      constant("25063068953384623474111414158702152701244531502492656460079210482610430750235");

  /** INVSQRT_A_MINUS_D = 1/sqrt(a - d) (RFC 9496 §4.1). */
  static final long[] INVSQRT_A_MINUS_D =
      constant("54469307008909316920995813868745141605393597292927456921205312896311721017578");

  /** ONE_MINUS_D_SQ = 1 - d^2 (RFC 9496 §4.1). */
  static final long[] ONE_MINUS_D_SQ =
      constant("1159843021668779879193775521855586647937357759715417654439879720876111806838");

  /** D_MINUS_ONE_SQ = (d - 1)^2 (RFC 9496 §4.1). */
  static final long[] D_MINUS_ONE_SQ =
      constant("40440834346308536858101042469323190826248399146238708352240133220865137265952");

  private static final long[] D = EdwardsPoint.D;

  private RistrettoCodec() {}

  private static long[] constant(String decimal) {
    return Field25519.fromBigInteger(new BigInteger(decimal));
  }

  /**
   * SQRT_RATIO_M1(u, v) (RFC 9496 §4.2): writes the non-negative sqrt(u/v), or sqrt(SQRT_M1*u/v)
   * when u/v is not square, into r and returns was_square (1 or 0). Constant-time.
   */
  static int sqrtRatioM1(long[] u, long[] v, long[] r) {
    long[] v3 = zero();
    long[] v7 = zero();
    long[] t = zero();
    sqr(v, v3);
    mul(v3, v, v3); // v^3
    sqr(v3, v7);
    mul(v7, v, v7); // v^7
    // r = (u * v^3) * (u * v^7)^((p-5)/8)
    mul(u, v7, t);
    Field25519.pow22523(t, t);
    mul(u, v3, r);
    mul(r, t, r);
    // check = v * r^2
    long[] check = zero();
    sqr(r, check);
    mul(check, v, check);
    long[] negU = zero();
    neg(u, negU);
    long[] negUi = zero();
    mul(negU, SQRT_M1, negUi);
    int correctSignSqrt = equal(check, u);
    int flippedSignSqrt = equal(check, negU);
    int flippedSignSqrtI = equal(check, negUi);
    // r = CT_SELECT(r_prime IF flipped_sign_sqrt | flipped_sign_sqrt_i ELSE r)
    long[] rPrime = zero();
    mul(SQRT_M1, r, rPrime);
    cmov(r, rPrime, flippedSignSqrt | flippedSignSqrtI);
    // Choose the nonnegative square root.
    abs(r, r);
    return correctSignSqrt | flippedSignSqrt;
  }

  /** Decode (RFC 9496 §4.3.1); throws with the reason of the first failed check. */
  static EdwardsPoint decode(byte[] encoding) {
    if (encoding == null) {
      throw new InvalidEncodingException(InvalidEncodingException.Reason.WRONG_LENGTH, "null");
    }
    if (encoding.length != 32) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.WRONG_LENGTH,
          "got " + encoding.length + " bytes, expected 32");
    }
    // "If ... the resulting value is >= p, decoding fails." (the top bit is not masked)
    long[] s = Field25519.fromBytesMasked(encoding, 0);
    boolean canonical = MessageDigest.isEqual(Field25519.toBytes(s), encoding);
    // "If IS_NEGATIVE(s) returns TRUE, decoding fails."
    int sNegative = isNegative(s);

    long[] ss = zero();
    sqr(s, ss);
    long[] u1 = zero();
    sub(one(), ss, u1); // u1 = 1 - ss
    long[] u2 = zero();
    add(one(), ss, u2); // u2 = 1 + ss
    long[] u2Sqr = zero();
    sqr(u2, u2Sqr);
    // v = -(D * u1^2) - u2_sqr
    long[] v = zero();
    sqr(u1, v);
    mul(v, D, v);
    neg(v, v);
    sub(v, u2Sqr, v);
    // (was_square, invsqrt) = SQRT_RATIO_M1(1, v * u2_sqr)
    long[] vu2 = zero();
    mul(v, u2Sqr, vu2);
    long[] invsqrt = zero();
    int wasSquare = sqrtRatioM1(one(), vu2, invsqrt);
    long[] denX = zero();
    mul(invsqrt, u2, denX); // den_x = invsqrt * u2
    long[] denY = zero();
    mul(invsqrt, denX, denY);
    mul(denY, v, denY); // den_y = invsqrt * den_x * v
    long[] x = zero();
    add(s, s, x);
    mul(x, denX, x);
    abs(x, x); // x = CT_ABS(2 * s * den_x)
    long[] y = zero();
    mul(u1, denY, y); // y = u1 * den_y
    long[] t = zero();
    mul(x, y, t); // t = x * y

    if (!canonical) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NON_CANONICAL,
          "s is not a canonical field element (value >= p or bit 255 set)");
    }
    if (sNegative == 1) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NEGATIVE, "s is negative (odd)");
    }
    // "If was_square is FALSE, or IS_NEGATIVE(t) returns TRUE, or y = 0, decoding fails."
    if (wasSquare == 0) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NOT_SQUARE, "the decoded x^2 is not a square");
    }
    if (isNegative(t) == 1) {
      throw new InvalidEncodingException(
          InvalidEncodingException.Reason.NEGATIVE_XY, "t = x*y is negative");
    }
    if (Field25519.isZero(y) == 1) {
      throw new InvalidEncodingException(InvalidEncodingException.Reason.Y_ZERO, "y = 0");
    }
    return new EdwardsPoint(x, y, one(), t);
  }

  /** Encode (RFC 9496 §4.3.2). Constant-time. */
  static byte[] encode(EdwardsPoint p) {
    // u1 = (z0 + y0) * (z0 - y0)
    long[] u1 = zero();
    long[] tmp = zero();
    add(p.z, p.y, u1);
    sub(p.z, p.y, tmp);
    mul(u1, tmp, u1);
    long[] u2 = zero();
    mul(p.x, p.y, u2); // u2 = x0 * y0
    // (_, invsqrt) = SQRT_RATIO_M1(1, u1 * u2^2)
    sqr(u2, tmp);
    mul(tmp, u1, tmp);
    long[] invsqrt = zero();
    sqrtRatioM1(one(), tmp, invsqrt);
    return encodeWith(p, u1, u2, invsqrt);
  }

  /**
   * The rest of Encode (RFC 9496 §4.3.2) once invsqrt = SQRT_RATIO_M1(1, u1 * u2^2) is known, with
   * u1 = (z0 + y0) * (z0 - y0) and u2 = x0 * y0. Constant-time.
   */
  static byte[] encodeWith(EdwardsPoint p, long[] u1, long[] u2, long[] invsqrt) {
    long[] x0 = p.x;
    long[] y0 = p.y;
    long[] z0 = p.z;
    long[] t0 = p.t;
    long[] tmp = zero();
    long[] den1 = zero();
    mul(invsqrt, u1, den1);
    long[] den2 = zero();
    mul(invsqrt, u2, den2);
    long[] zInv = zero();
    mul(den1, den2, zInv);
    mul(zInv, t0, zInv); // z_inv = den1 * den2 * t0
    long[] ix0 = zero();
    mul(x0, SQRT_M1, ix0);
    long[] iy0 = zero();
    mul(y0, SQRT_M1, iy0);
    long[] enchantedDenominator = zero();
    mul(den1, INVSQRT_A_MINUS_D, enchantedDenominator);
    // rotate = IS_NEGATIVE(t0 * z_inv)
    mul(t0, zInv, tmp);
    int rotate = isNegative(tmp);
    long[] x = x0.clone();
    cmov(x, iy0, rotate);
    long[] y = y0.clone();
    cmov(y, ix0, rotate);
    long[] denInv = den2.clone();
    cmov(denInv, enchantedDenominator, rotate);
    // y = CT_SELECT(-y IF IS_NEGATIVE(x * z_inv) ELSE y)
    mul(x, zInv, tmp);
    long[] negY = zero();
    neg(y, negY);
    cmov(y, negY, isNegative(tmp));
    // s = CT_ABS(den_inv * (z - y))
    long[] s = zero();
    sub(z0, y, s);
    mul(denInv, s, s);
    abs(s, s);
    return Field25519.toBytes(s);
  }

  /** Equals (RFC 9496 §4.3.3): (x1*y2 == y1*x2) | (y1*y2 == x1*x2). Constant-time. */
  static boolean elementsEqual(EdwardsPoint a, EdwardsPoint b) {
    long[] l = zero();
    long[] r = zero();
    mul(a.x, b.y, l);
    mul(a.y, b.x, r);
    int first = Field25519.equal(l, r);
    mul(a.y, b.y, l);
    mul(a.x, b.x, r);
    int second = Field25519.equal(l, r);
    return (first | second) == 1;
  }

  /** The MAP function of the element derivation (RFC 9496 §4.3.4) on 32 bytes at offset. */
  static EdwardsPoint map(byte[] bytes, int offset) {
    // "mask the most significant bit in the final byte ... Reduce r modulo p"
    long[] t = Field25519.fromBytesMasked(bytes, offset);
    long[] r = zero();
    sqr(t, r);
    mul(SQRT_M1, r, r); // r = SQRT_M1 * t^2
    long[] u = zero();
    add(r, one(), u);
    mul(u, ONE_MINUS_D_SQ, u); // u = (r + 1) * ONE_MINUS_D_SQ
    // v = (-1 - r*D) * (r + D)
    long[] v = zero();
    long[] tmp = zero();
    mul(r, D, v);
    neg(v, v);
    sub(v, one(), v);
    add(r, D, tmp);
    mul(v, tmp, v);
    long[] s = zero();
    int wasSquare = sqrtRatioM1(u, v, s);
    // s_prime = -CT_ABS(s*t)
    long[] sPrime = zero();
    mul(s, t, sPrime);
    abs(sPrime, sPrime);
    neg(sPrime, sPrime);
    // s = CT_SELECT(s IF was_square ELSE s_prime); c = CT_SELECT(-1 IF was_square ELSE r)
    int notSquare = wasSquare ^ 1;
    cmov(s, sPrime, notSquare);
    long[] c = zero();
    neg(one(), c);
    cmov(c, r, notSquare);
    // N = c * (r - 1) * D_MINUS_ONE_SQ - v
    long[] n = zero();
    sub(r, one(), n);
    mul(c, n, n);
    mul(n, D_MINUS_ONE_SQ, n);
    sub(n, v, n);
    long[] s2 = zero();
    sqr(s, s2);
    long[] w0 = zero();
    add(s, s, w0);
    mul(w0, v, w0); // w0 = 2 * s * v
    long[] w1 = zero();
    mul(n, SQRT_AD_MINUS_ONE, w1); // w1 = N * SQRT_AD_MINUS_ONE
    long[] w2 = zero();
    sub(one(), s2, w2); // w2 = 1 - s^2
    long[] w3 = zero();
    add(one(), s2, w3); // w3 = 1 + s^2
    // return (w0*w3, w2*w1, w1*w3, w0*w2)
    long[] x = zero();
    long[] y = zero();
    long[] z = zero();
    long[] tt = zero();
    mul(w0, w3, x);
    mul(w2, w1, y);
    mul(w1, w3, z);
    mul(w0, w2, tt);
    return new EdwardsPoint(x, y, z, tt);
  }

  /** Element derivation (RFC 9496 §4.3.4): MAP(b[0:32]) + MAP(b[32:64]). Constant-time. */
  static EdwardsPoint fromUniformBytes(byte[] b) {
    if (b == null || b.length != 64) {
      throw new IllegalArgumentException(
          "uniform bytes must be 64 bytes, got " + (b == null ? "null" : b.length));
    }
    return map(b, 0).plus(map(b, 32));
  }
}
