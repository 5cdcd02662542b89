package dev.parley.cleanroom.group;

import static dev.parley.cleanroom.group.Field25519.mul;
import static dev.parley.cleanroom.group.Field25519.mul2;
import static dev.parley.cleanroom.group.Field25519.sqr4;
import static dev.parley.cleanroom.group.Field25519.sub;
import static dev.parley.cleanroom.group.Field25519.subFromTwice;
import static dev.parley.cleanroom.group.Field25519.sumAndDifference;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A point of edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z; mutable.
 *
 * <p>Curve: -x^2 + y^2 = 1 + d x^2 y^2 (RFC 7748 §4.1; RFC 9496 §4 builds ristretto255 on it).
 * Addition is the unified "add-2008-hwcd-3" formula and doubling "dbl-2008-hwcd" (Hisil, Wong,
 * Carter, Dawson 2008), both complete on this curve because a = -1 is a square and d is not, so
 * they hold for every input, doubling and the identity included, without branches. Coordinates are
 * reduced field elements (see {@link Field25519}); intermediate sums feed multiplications loose.
 * Each formula can skip T3 when the next operation is a doubling, which never reads T; whether it
 * does is decided by public loop positions only. Scalar multiplication is in {@link SignedRadix16}.
 */
final class EdwardsPoint {
  /** d = -121665/121666 (RFC 9496 §4.1, constant D). */
  static final long[] D =
      Field25519.fromBigInteger(
          new BigInteger(
              "37095705934669439343138083508754565189542113879843219016388785533085940283555"));

  private static final long[] D2 = Field25519.zero();

  static {
    Field25519.add(D, D, D2);
  }

  final long[] x;
  final long[] y;
  final long[] z;
  final long[] t;

  EdwardsPoint(long[] x, long[] y, long[] z, long[] t) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.t = t;
  }

  static EdwardsPoint identity() {
    return new EdwardsPoint(
        Field25519.zero(), Field25519.one(), Field25519.one(), Field25519.zero());
  }

  EdwardsPoint copy() {
    return new EdwardsPoint(x.clone(), y.clone(), z.clone(), t.clone());
  }

  /** Copies the coordinates of p into this point. */
  void set(EdwardsPoint p) {
    Field25519.copy(p.x, x);
    Field25519.copy(p.y, y);
    Field25519.copy(p.z, z);
    Field25519.copy(p.t, t);
  }

  /** The "cached" form (Y+X, Y-X, 2Z, 2dT) of a point, the second operand of an addition. */
  static final class Cached {
    /** Limbs of the four coordinates, the size of one entry of a flattened table. */
    static final int LIMBS = 20;

    final long[] yPlusX = Field25519.zero();
    final long[] yMinusX = Field25519.zero();
    final long[] z2 = Field25519.zero();
    final long[] t2d = Field25519.zero();

    void set(EdwardsPoint p) {
      Field25519.add(p.y, p.x, yPlusX);
      sub(p.y, p.x, yMinusX);
      Field25519.add(p.z, p.z, z2);
      mul(p.t, D2, t2d);
    }

    /** Sets the identity (1, 1, 2, 0). */
    void setIdentity() {
      Arrays.fill(yPlusX, 0);
      Arrays.fill(yMinusX, 0);
      Arrays.fill(z2, 0);
      Arrays.fill(t2d, 0);
      yPlusX[0] = 1;
      yMinusX[0] = 1;
      z2[0] = 2;
    }

    /** Copies the four coordinates into table[offset .. offset + 20). */
    void writeTo(long[] table, int offset) {
      System.arraycopy(yPlusX, 0, table, offset, 5);
      System.arraycopy(yMinusX, 0, table, offset + 5, 5);
      System.arraycopy(z2, 0, table, offset + 10, 5);
      System.arraycopy(t2d, 0, table, offset + 15, 5);
    }

    /**
     * Sets this to the OR over the nine entries j of a flattened table of entry j ANDed with
     * masks[j], then negates it when negative is 1 (swaps Y+X with Y-X and negates 2dT). With
     * exactly one mask all ones and the others zero, that copies one entry while reading all of
     * them, and every step is a masked operation: constant-time selection. The negation of 2dT is
     * the loose 2p - 2dT (no carry step), so after a selection 2dT may be loose, which the
     * multiplication in {@link EdwardsPoint#add} accepts. {@code staging} is a scratch array of
     * {@link #LIMBS}.
     */
    void select(long[] table, long[] masks, int negative, long[] staging) {
      long m0 = masks[0], m1 = masks[1], m2 = masks[2], m3 = masks[3], m4 = masks[4];
      long m5 = masks[5], m6 = masks[6], m7 = masks[7], m8 = masks[8];
      for (int k = 0; k < LIMBS; k++) {
        staging[k] =
            (table[k] & m0)
                | (table[k + LIMBS] & m1)
                | (table[k + 2 * LIMBS] & m2)
                | (table[k + 3 * LIMBS] & m3)
                | (table[k + 4 * LIMBS] & m4)
                | (table[k + 5 * LIMBS] & m5)
                | (table[k + 6 * LIMBS] & m6)
                | (table[k + 7 * LIMBS] & m7)
                | (table[k + 8 * LIMBS] & m8);
      }
      long swap = -(long) negative;
      for (int k = 0; k < 5; k++) {
        long plus = staging[k];
        long minus = staging[k + 5];
        long diff = (plus ^ minus) & swap;
        yPlusX[k] = plus ^ diff;
        yMinusX[k] = minus ^ diff;
        z2[k] = staging[k + 10];
        t2d[k] = staging[k + 15];
      }
      Field25519.negLoose(t2d, staging);
      Field25519.cmov(t2d, staging, negative);
    }
  }

  /** Temporaries for the formulas, so the hot loops allocate nothing. */
  static final class Scratch {
    final long[] a = Field25519.zero();
    final long[] b = Field25519.zero();
    final long[] c = Field25519.zero();
    final long[] d = Field25519.zero();
    final long[] e = Field25519.zero();
    final long[] f = Field25519.zero();
    final long[] g = Field25519.zero();
    final long[] h = Field25519.zero();
  }

  /** this = this + q (unified add-2008-hwcd-3 with k = 2d). */
  void add(Cached q, Scratch s) {
    add(q, s, true);
  }

  /** this = this + q; with {@code computeT} false, T is left stale for a following doubling. */
  void add(Cached q, Scratch s, boolean computeT) {
    sumAndDifference(y, x, s.b, s.a); // Y1+X1, Y1-X1
    // A = (Y1-X1)(Y2-X2), B = (Y1+X1)(Y2+X2)
    mul2(s.a, q.yMinusX, s.a, s.b, q.yPlusX, s.b);
    // C = T1 * 2d * T2, D = Z1 * 2 * Z2
    mul2(t, q.t2d, s.c, z, q.z2, s.d);
    sumAndDifference(s.b, s.a, s.h, s.e); // H = B + A, E = B - A
    sumAndDifference(s.d, s.c, s.g, s.f); // G = D + C, F = D - C
    finish(s, computeT);
  }

  /** this = 2 * this (dbl-2008-hwcd with a = -1). */
  void dbl(Scratch s) {
    dbl(s, true);
  }

  /**
   * this = 2 * this; with {@code computeT} false, T is left stale, which is valid only when the
   * next operation is another doubling (doubling never reads T).
   *
   * <p>The formula's E, F, G, H are A = X1^2, B = Y1^2, C = 2 Z1^2, E = (X1+Y1)^2 - A - B, G = B -
   * A, F = G - C, H = -A - B. This code uses F' = -F and H' = -H, which negates all four outputs E
   * F', G H', F' G, E H': the same projective point, with fewer negations.
   */
  void dbl(Scratch s, boolean computeT) {
    sqr4(x, y, z, s.a, s.b, s.c, s.e); // A = X1^2, B = Y1^2, Z1^2, (X1+Y1)^2
    sumAndDifference(s.b, s.a, s.h, s.g); // H' = B + A, G = B - A
    sub(s.e, s.h, s.e); // E = (X1+Y1)^2 - A - B
    subFromTwice(s.c, s.g, s.f); // F' = C - G with C = 2 Z1^2
    finish(s, computeT);
  }

  private void finish(Scratch s, boolean computeT) {
    mul2(s.e, s.f, x, s.g, s.h, y); // X3 = E F, Y3 = G H
    if (computeT) {
      mul2(s.e, s.h, t, s.f, s.g, z); // T3 = E H, Z3 = F G
    } else {
      mul(s.f, s.g, z); // Z3 = F G
    }
  }

  /** this = -this. */
  void negate() {
    Field25519.neg(x, x);
    Field25519.neg(t, t);
  }

  /** Returns this + other as a new point (allocating convenience for non-hot paths). */
  EdwardsPoint plus(EdwardsPoint other) {
    Cached c = new Cached();
    c.set(other);
    EdwardsPoint r = copy();
    r.add(c, new Scratch());
    return r;
  }

  /** Returns 2 * this (allocating convenience for non-hot paths). */
  EdwardsPoint doubled() {
    EdwardsPoint r = copy();
    r.dbl(new Scratch());
    return r;
  }
}
