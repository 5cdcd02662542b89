package dev.parley.cleanroom.group;

import static dev.parley.cleanroom.group.Field25519.abs;
import static dev.parley.cleanroom.group.Field25519.add;
import static dev.parley.cleanroom.group.Field25519.addLoose;
import static dev.parley.cleanroom.group.Field25519.mul;
import static dev.parley.cleanroom.group.Field25519.sqr;
import static dev.parley.cleanroom.group.Field25519.sub;
import static dev.parley.cleanroom.group.Field25519.subLoose;
import static dev.parley.cleanroom.group.Field25519.zero;

/**
 * Encodes 2R for many points R with one field inversion in total instead of one inverse square root
 * per point; constant-time for a given (public) batch size.
 *
 * <p>Encode (RFC 9496 §4.3.2) needs invsqrt = SQRT_RATIO_M1(1, u1 * u2^2) with u1 = (z0 + y0)(z0 -
 * y0) and u2 = x0 y0, an exponentiation. For a doubled point the root is rational. Doubling R = (X
 * : Y : Z) as in {@link EdwardsPoint#dbl} gives A = X^2, B = Y^2, C = 2Z^2, E = 2XY, G = B - A, F'
 * = C - G, H' = A + B and 2R = (E F' : G H' : F' G : E H'). Then u1 = G^2 (F'^2 - H'^2) = -4 G^2
 * (Y^2 - Z^2)(X^2 + Z^2), and on the curve -X^2 Z^2 + Y^2 Z^2 = Z^4 + d X^2 Y^2 this product equals
 * X^2 Y^2 (1 + d), so u1 = (a - d) G^2 E^2 with a = -1, and u1 * u2^2 = (a - d) (E^2 F' G^2 H')^2.
 * Since a - d is a square (RFC 9496 §4.1 lists INVSQRT_A_MINUS_D = 1/sqrt(a - d)), the non-negative
 * root SQRT_RATIO_M1 returns is CT_ABS(INVSQRT_A_MINUS_D / (E^2 F' G^2 H')). When that denominator
 * is zero (2R in the identity's coset) the quotient is taken as zero, as SQRT_RATIO_M1(1, 0) gives.
 *
 * <p>The denominators of a batch are inverted together ({@link Field25519#invertAll}, one Fermat
 * inversion in total, a zero denominator giving zero). The operation sequence depends only on the
 * batch size.
 */
final class BatchEncoder {
  private BatchEncoder() {}

  /**
   * Returns the encodings of 2 R_i.
   *
   * @param rs the points R_i (not modified); their T coordinates are not used
   * @return one 32-byte encoding per point, in order
   */
  static byte[][] doubleAndEncode(EdwardsPoint[] rs) {
    int n = rs.length;
    EdwardsPoint[] doubled = new EdwardsPoint[n];
    long[][] denominators = new long[n][];
    for (int i = 0; i < n; i++) {
      denominators[i] = zero();
      doubled[i] = doubleWithDenominator(rs[i], denominators[i]);
    }
    long[][] inverses = Field25519.invertAll(denominators);
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      EdwardsPoint q = doubled[i];
      long[] invsqrt = zero();
      mul(RistrettoCodec.INVSQRT_A_MINUS_D, inverses[i], invsqrt);
      abs(invsqrt, invsqrt);
      long[] u1 = zero();
      long[] tmp = zero();
      add(q.z, q.y, u1);
      sub(q.z, q.y, tmp);
      mul(u1, tmp, u1);
      long[] u2 = zero();
      mul(q.x, q.y, u2);
      out[i] = RistrettoCodec.encodeWith(q, u1, u2, invsqrt);
    }
    return out;
  }

  /** Returns 2R = (E F' : G H' : F' G : E H') and writes E^2 F' G^2 H' into den. */
  private static EdwardsPoint doubleWithDenominator(EdwardsPoint r, long[] den) {
    long[] a = zero();
    long[] b = zero();
    long[] c = zero();
    long[] e = zero();
    long[] f = zero();
    long[] g = zero();
    long[] h = zero();
    sqr(r.x, a); // A = X^2
    sqr(r.y, b); // B = Y^2
    sqr(r.z, c);
    addLoose(c, c, c); // C = 2 Z^2
    mul(r.x, r.y, e);
    add(e, e, e); // E = 2XY
    subLoose(b, a, g); // G = B - A
    addLoose(a, b, h); // H' = A + B
    sub(c, g, f); // F' = C - G
    EdwardsPoint q = new EdwardsPoint(zero(), zero(), zero(), zero());
    mul(e, f, q.x);
    mul(g, h, q.y);
    mul(f, g, q.z);
    mul(e, h, q.t);
    // den = E^2 F' G^2 H' = (E G)^2 F' H'
    mul(e, g, den);
    sqr(den, den);
    mul(den, f, den);
    mul(den, h, den);
    return q;
  }
}
