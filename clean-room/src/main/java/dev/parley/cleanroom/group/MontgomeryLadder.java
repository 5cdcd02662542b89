package dev.parley.cleanroom.group;

import static dev.parley.cleanroom.group.Field25519.add;
import static dev.parley.cleanroom.group.Field25519.mul;
import static dev.parley.cleanroom.group.Field25519.mul2;
import static dev.parley.cleanroom.group.Field25519.mulSmall;
import static dev.parley.cleanroom.group.Field25519.sqr;
import static dev.parley.cleanroom.group.Field25519.sqr2;
import static dev.parley.cleanroom.group.Field25519.sub;
import static dev.parley.cleanroom.group.Field25519.subLoose;
import static dev.parley.cleanroom.group.Field25519.sumAndDifference;
import static dev.parley.cleanroom.group.Field25519.zero;

import java.math.BigInteger;

/**
 * Constant-time multiplication of many edwards25519 points by one scalar through the Montgomery
 * ladder on the birationally equivalent curve Curve25519, with the y-coordinate recovered at the
 * end.
 *
 * <p>Why and how. Both this and the signed-window method of {@link SignedRadix16} cost about 4
 * squarings and 5 multiplications per scalar bit (the window: a doubling of 4 squarings and 3
 * multiplications per bit, plus an addition of 8 multiplications and a masked table scan every 4
 * bits). The ladder has less work around the products, no table and no selection, and measured
 * about 6% faster per point. The map and the formulas:
 *
 * <ul>
 *   <li>RFC 7748 §4.1: edwards25519 and Curve25519 (v^2 = u^3 + A u^2 + u, A = 486662) are
 *       birationally equivalent by "(u, v) = ((1+y)/(1-y), sqrt(-486664)*u/x)" and "(x, y) =
 *       (sqrt(-486664)*u/v, (u-1)/(u+1))". The map is a group isomorphism away from the points with
 *       x = 0 or y = -1 on the Edwards side; either square root of -486664 works as long as both
 *       directions use the same one. The affine u and v of every input point come from one shared
 *       inversion (Montgomery's trick, {@link Field25519#invertAll}).
 *   <li>RFC 7748 §5: the ladder keeps (x_2 : z_2) = x(mP) and (x_3 : z_3) = x((m+1)P) and swaps
 *       them by masks: "the cswap function SHOULD be implemented in constant time (i.e.,
 *       independent of the swap argument)". It runs over a fixed number of bits ({@value #BITS},
 *       enough for every canonical scalar below l), so leading zero bits simply keep (infinity, P).
 *       The step is the RFC's, with "a24 is (486662 - 2) / 4 = 121665".
 *   <li>Okeya and Sakurai (CHES 2001), in the projective form of Costello and Smith, "Montgomery
 *       curves and their arithmetic" (2017), Algorithm 5: from P = (x, y), x(kP) and x((k+1)P) it
 *       returns kP = (X : Y : Z) with y(kP) = ((x x_Q + 1)(x + x_Q + 2A) - 2A - (x - x_Q)^2 x_R) /
 *       (2 y), where x_Q = x(kP) and x_R = x((k+1)P).
 * </ul>
 *
 * <p>Exceptional points. The recovery divides by y and by the z of (k+1)P. An input in the
 * identity's coset of ristretto255 (the 4-torsion points, x = 0 or y = 0 on the Edwards side) has
 * no affine Montgomery image with y != 0, and its multiples are again 4-torsion; a result is in
 * that coset exactly when x(kP) is infinity (z = 0), (0, 0) (x = 0) or a point of order 4 (u = 1, x
 * = z). Such results are replaced by the identity with masked moves, which encodes the same as
 * every 4-torsion point. Outside that coset, (k+1)P is the point at infinity only for k = l - 1 and
 * P of order l; then kP = -P, which a masked move sets directly.
 */
final class MontgomeryLadder {
  /** Ladder steps: canonical scalars are below l < 2^253. */
  static final int BITS = 253;

  /** (A - 2) / 4 for Curve25519 (RFC 7748 §5). */
  private static final int A24 = 121665;

  /** 2A, the constant of the y-recovery. */
  private static final int TWO_A = 2 * 486662;

  /** A square root of -486664 mod p (RFC 7748 §4.1). */
  static final long[] SQRT_M486664 =
      Field25519.fromBigInteger(sqrtMod(BigInteger.valueOf(-486664)));

  private MontgomeryLadder() {}

  /**
   * Returns k * P_i for every point, with X, Y and Z set and T not computed; constant-time in k and
   * the points for a given number of points.
   *
   * @param points the points (not modified)
   * @param k the scalar, 32 bytes little-endian, below 2^253; secret
   * @return one new point per input, in order
   */
  static EdwardsPoint[] multiply(EdwardsPoint[] points, byte[] k) {
    int n = points.length;
    long[][] dens = new long[n][];
    for (int i = 0; i < n; i++) {
      EdwardsPoint p = points[i];
      long[] zMinusY = zero();
      subLoose(p.z, p.y, zMinusY);
      dens[i] = zero();
      mul(zMinusY, p.x, dens[i]); // (Z - Y) X
    }
    long[][] inverses = Field25519.invertAll(dens);
    EdwardsPoint[] out = new EdwardsPoint[n];
    Ladder ladder = new Ladder();
    long[] t = zero();
    long[] u = zero();
    long[] v = zero();
    for (int i = 0; i < n; i++) {
      EdwardsPoint p = points[i];
      Field25519.addLoose(p.z, p.y, t);
      mul(t, inverses[i], t); // (Z + Y) / ((Z - Y) X)
      mul2(t, p.x, u, t, p.z, v); // u = (Z + Y) / (Z - Y), v = (Z + Y) Z / ((Z - Y) X)
      mul(v, SQRT_M486664, v); // v = sqrt(-486664) u / x
      out[i] = ladder.run(p, u, v, k);
    }
    return out;
  }

  /** The ladder's registers, reused across the points of a batch. */
  private static final class Ladder {
    private final long[] x2 = zero();
    private final long[] z2 = zero();
    private final long[] x3 = zero();
    private final long[] z3 = zero();
    private final long[] a = zero();
    private final long[] b = zero();
    private final long[] c = zero();
    private final long[] d = zero();
    private final long[] aa = zero();
    private final long[] bb = zero();
    private final long[] da = zero();
    private final long[] cb = zero();
    private final long[] e = zero();
    private final long[] f = zero();
    private final long[] uLimbs = new long[10];
    private final double[] uDoubles = new double[10];

    /**
     * Returns k * p as an Edwards point (no T), given the affine Montgomery coordinates (u, v) of
     * p.
     */
    EdwardsPoint run(EdwardsPoint p, long[] u, long[] v, byte[] k) {
      Field25519.copy(Field25519.one(), x2);
      Field25519.copy(Field25519.zero(), z2);
      Radix51.prepare(u, uLimbs, uDoubles);
      Field25519.copy(u, x3);
      Field25519.copy(Field25519.one(), z3);
      long swap = 0;
      for (int i = BITS - 1; i >= 0; i--) {
        long bit = (long) ((k[i >>> 3] >>> (i & 7)) & 1);
        step(-(swap ^ bit));
        swap = bit;
      }
      cswap(x2, x3, -swap);
      cswap(z2, z3, -swap);
      return recover(p, u, v);
    }

    /**
     * One RFC 7748 §5 ladder step, preceded by its conditional swap: (x2:z2) and (x3:z3) are
     * swapped when swapMask is all ones, then (x2:z2) is doubled and (x3:z3) becomes their sum
     * (difference u). The swap happens in registers while forming A, B, C and D, since the step
     * overwrites all four coordinates.
     */
    private void step(long swapMask) {
      swapSumsAndDifferences(swapMask);
      sqr2(a, aa, b, bb); // AA = A^2, BB = B^2
      mul2(d, a, da, c, b, cb); // DA = D * A, CB = C * B
      eAndF();
      Radix51.sqrSumAndDifference(da, cb, x3, b); // x3 = (DA + CB)^2, B = (DA - CB)^2
      mul2(aa, bb, x2, e, f, z2); // x2 = AA * BB, z2 = E * (AA + a24 * E)
      Radix51.mulPrepared(b, uLimbs, uDoubles, z3); // z3 = x1 * (DA - CB)^2
    }

    /** A = x2 + z2, B = x2 - z2, C = x3 + z3, D = x3 - z3 (loose) after a masked swap. */
    private void swapSumsAndDifferences(long swapMask) {
      swapLimb(0, swapMask, Field25519.TWO_P_0);
      swapLimb(1, swapMask, Field25519.TWO_P_1234);
      swapLimb(2, swapMask, Field25519.TWO_P_1234);
      swapLimb(3, swapMask, Field25519.TWO_P_1234);
      swapLimb(4, swapMask, Field25519.TWO_P_1234);
    }

    private void swapLimb(int i, long swapMask, long twoP) {
      long p2 = x2[i], p3 = x3[i], q2 = z2[i], q3 = z3[i];
      long tx = swapMask & (p2 ^ p3);
      long tz = swapMask & (q2 ^ q3);
      p2 ^= tx;
      p3 ^= tx;
      q2 ^= tz;
      q3 ^= tz;
      a[i] = p2 + q2;
      b[i] = p2 + twoP - q2;
      c[i] = p3 + q3;
      d[i] = p3 + twoP - q3;
    }

    /** E = AA - BB (loose) and F = AA + a24 * E (reduced). */
    private void eAndF() {
      subLoose(aa, bb, e);
      mulSmall(e, A24, f);
      add(aa, f, f);
    }

    /**
     * Recovers kP from P = (u, v), x(kP) = (x2 : z2) and x((k+1)P) = (x3 : z3) (Costello and Smith,
     * Algorithm 5, B = 1) and maps it to edwards25519. Two results are set by masked moves instead:
     * kP = -P when (k+1)P is the point at infinity (z3 = 0), where the recovery would divide by
     * zero, and the identity when kP is in the identity's coset.
     */
    private EdwardsPoint recover(EdwardsPoint p, long[] u, long[] v) {
      long[] v1 = zero();
      long[] v2 = zero();
      long[] v3 = zero();
      long[] v4 = zero();
      mul(u, z2, v1); // v1 = x zQ
      add(x2, v1, v2); // v2 = xQ + v1
      sub(x2, v1, v3); // v3 = xQ - v1
      sqr(v3, v3);
      mul(v3, x3, v3); // v3 = (xQ - x zQ)^2 x(+)
      mulSmall(z2, TWO_A, v1);
      add(v2, v1, v2); // v2 = xQ + x zQ + 2A zQ
      mul(u, x2, v4);
      add(v4, z2, v4); // v4 = x xQ + zQ
      mul(v2, v4, v2);
      mul(v1, z2, v1); // v1 = 2A zQ^2
      sub(v2, v1, v2);
      mul(v2, z3, v2);
      sub(v2, v3, v2); // Y' = v2 - v3
      add(v, v, v1);
      mul(v1, z2, v1);
      mul(v1, z3, v1); // v1 = 2 y zQ z(+); X' = v1 xQ, Z' = v1 zQ
      // Edwards: x = sqrt(-486664) X'/Y', y = (X' - Z')/(X' + Z'); dividing out v1 leaves
      // (sqrt(-486664) v1 xQ (xQ + zQ) : Y' (xQ - zQ) : Y' (xQ + zQ)).
      long[] sum = zero();
      long[] diff = zero();
      sumAndDifference(x2, z2, sum, diff);
      EdwardsPoint q = new EdwardsPoint(zero(), zero(), zero(), zero());
      mul(v1, SQRT_M486664, v1);
      mul(v1, x2, v1);
      mul(v1, sum, q.x);
      mul2(v2, diff, q.y, v2, sum, q.z);
      long[] minusX = zero();
      Field25519.neg(p.x, minusX);
      int sumIsInfinity = Field25519.isZero(z3); // (k+1)P = O, so kP = -P = (-X : Y : Z)
      Field25519.cmov(q.x, minusX, sumIsInfinity);
      Field25519.cmov(q.y, p.y, sumIsInfinity);
      Field25519.cmov(q.z, p.z, sumIsInfinity);
      int identityCoset = Field25519.isZero(z2) | Field25519.isZero(x2) | Field25519.equal(x2, z2);
      Field25519.cmov(q.x, Field25519.zero(), identityCoset);
      Field25519.cmov(q.y, Field25519.one(), identityCoset);
      Field25519.cmov(q.z, Field25519.one(), identityCoset);
      return q;
    }
  }

  /** Swaps a and b when mask is all ones, leaves them when it is zero (constant-time). */
  private static void cswap(long[] a, long[] b, long mask) {
    for (int i = 0; i < 5; i++) {
      long t = mask & (a[i] ^ b[i]);
      a[i] ^= t;
      b[i] ^= t;
    }
  }

  /** A square root of a public constant mod p (p = 5 mod 8); for class initialization only. */
  private static BigInteger sqrtMod(BigInteger a) {
    BigInteger p = Field25519.P;
    BigInteger r = a.mod(p).modPow(p.add(BigInteger.valueOf(3)).shiftRight(3), p);
    if (!r.multiply(r).subtract(a).mod(p).equals(BigInteger.ZERO)) {
      BigInteger sqrtM1 = BigInteger.TWO.modPow(p.subtract(BigInteger.ONE).shiftRight(2), p);
      r = r.multiply(sqrtM1).mod(p);
    }
    if (!r.multiply(r).subtract(a).mod(p).equals(BigInteger.ZERO)) {
      throw new AssertionError("not a square");
    }
    return r;
  }
}
