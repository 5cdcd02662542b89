package dev.parley.cleanroom.group;

import static dev.parley.cleanroom.group.Field25519.mul;
import static dev.parley.cleanroom.group.Field25519.sqr;
import static dev.parley.cleanroom.group.Field25519.sub;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A point of edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z; mutable.
 *
 * <p>Curve: -x^2 + y^2 = 1 + d x^2 y^2 (RFC 7748 §4.1; RFC 9496 §4 builds ristretto255 on it).
 * Addition is the unified "add-2008-hwcd-3" formula and doubling "dbl-2008-hwcd" (Hisil, Wong,
 * Carter, Dawson 2008), both complete on this curve because a = -1 is a square and d is not, so
 * they hold for every input, doubling and the identity included, without branches. Scalar
 * multiplication uses signed radix-16 digits over a table of 1P..8P with a masked (constant-time)
 * table lookup: its running time and memory accesses do not depend on the scalar.
 */
final class EdwardsPoint {
  /** d = -121665/121666 (RFC 9496 §4.1, constant D). */
  static final long[] D =
      Field25519.fromBigInteger(
          new BigInteger(
              "37095705934669439343138083508754565189542113879843219016388785533085940283555"));

  private static final long[] D2 = Field25519.zero();
  private static final long[] ZERO = Field25519.zero();
  private static final long[] ONE = Field25519.one();
  private static final long[] TWO = Field25519.zero();

  static {
    Field25519.add(D, D, D2);
    Field25519.add(ONE, ONE, TWO);
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

  /** The "cached" form (Y+X, Y-X, 2Z, 2dT) of a point, the second operand of an addition. */
  static final class Cached {
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

    void setIdentity() {
      Field25519.copy(ONE, yPlusX);
      Field25519.copy(ONE, yMinusX);
      Field25519.copy(TWO, z2);
      Field25519.copy(ZERO, t2d);
    }

    /** this = c when flag is 1 (constant-time). */
    void cmov(Cached c, int flag) {
      Field25519.cmov(yPlusX, c.yPlusX, flag);
      Field25519.cmov(yMinusX, c.yMinusX, flag);
      Field25519.cmov(z2, c.z2, flag);
      Field25519.cmov(t2d, c.t2d, flag);
    }

    /** Negates this point when flag is 1: swaps Y+X with Y-X and negates 2dT (constant-time). */
    void cneg(int flag, long[] scratch) {
      Field25519.copy(yPlusX, scratch);
      Field25519.cmov(yPlusX, yMinusX, flag);
      Field25519.cmov(yMinusX, scratch, flag);
      Field25519.neg(t2d, scratch);
      Field25519.cmov(t2d, scratch, flag);
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
    sub(y, x, s.a);
    mul(s.a, q.yMinusX, s.a); // A = (Y1-X1)(Y2-X2)
    Field25519.add(y, x, s.b);
    mul(s.b, q.yPlusX, s.b); // B = (Y1+X1)(Y2+X2)
    mul(t, q.t2d, s.c); // C = T1 * 2d * T2
    mul(z, q.z2, s.d); // D = Z1 * 2 * Z2
    sub(s.b, s.a, s.e); // E = B - A
    sub(s.d, s.c, s.f); // F = D - C
    Field25519.add(s.d, s.c, s.g); // G = D + C
    Field25519.add(s.b, s.a, s.h); // H = B + A
    finish(s);
  }

  /** this = 2 * this (dbl-2008-hwcd with a = -1). */
  void dbl(Scratch s) {
    dbl(s, true);
  }

  /**
   * this = 2 * this; with {@code computeT} false, T is left stale, which is valid only when the
   * next operation is another doubling (doubling never reads T). The flag is public loop state.
   */
  private void dbl(Scratch s, boolean computeT) {
    sqr(x, s.a); // A = X1^2
    sqr(y, s.b); // B = Y1^2
    sqr(z, s.c);
    Field25519.add(s.c, s.c, s.c); // C = 2 Z1^2
    Field25519.add(x, y, s.e);
    sqr(s.e, s.e);
    sub(s.e, s.a, s.e);
    sub(s.e, s.b, s.e); // E = (X1+Y1)^2 - A - B
    sub(s.b, s.a, s.g); // G = aA + B = B - A
    sub(s.g, s.c, s.f); // F = G - C
    Field25519.add(s.a, s.b, s.h);
    Field25519.neg(s.h, s.h); // H = aA - B = -A - B
    mul(s.e, s.f, x); // X3 = E F
    mul(s.g, s.h, y); // Y3 = G H
    if (computeT) {
      mul(s.e, s.h, t); // T3 = E H
    }
    mul(s.f, s.g, z); // Z3 = F G
  }

  private void finish(Scratch s) {
    mul(s.e, s.f, x); // X3 = E F
    mul(s.g, s.h, y); // Y3 = G H
    mul(s.e, s.h, t); // T3 = E H
    mul(s.f, s.g, z); // Z3 = F G
  }

  /** this = -this. */
  void negate() {
    Field25519.neg(x, x);
    Field25519.neg(t, t);
  }

  /**
   * Returns k * p for a 32-byte little-endian scalar k < 2^253 (constant-time in k).
   *
   * <p>k is recoded into 64 signed digits e_i in [-8, 8) with k = sum(e_i 16^i); each step
   * multiplies the accumulator by 16 and adds |e_i| * p from the table, negated when e_i < 0. The
   * digit's magnitude selects the entry by scanning all eight entries with masks.
   */
  static EdwardsPoint multiply(EdwardsPoint p, byte[] k) {
    // Callers pass canonical scalars (< l < 2^253), so the top digit stays within [0, 8]; only the
    // public length is checked here, never a bit of the secret value.
    if (k.length != 32) {
      throw new IllegalArgumentException("scalar must be 32 bytes, got " + k.length);
    }
    byte[] e = new byte[64];
    for (int i = 0; i < 32; i++) {
      e[2 * i] = (byte) (k[i] & 15);
      e[2 * i + 1] = (byte) ((k[i] >>> 4) & 15);
    }
    int carry = 0;
    for (int i = 0; i < 63; i++) {
      int v = e[i] + carry;
      carry = (v + 8) >> 4;
      e[i] = (byte) (v - (carry << 4));
    }
    e[63] = (byte) (e[63] + carry);

    Scratch s = new Scratch();
    Cached[] table = new Cached[8];
    EdwardsPoint multiple = p.copy();
    for (int j = 0; j < 8; j++) {
      table[j] = new Cached();
      if (j > 0) {
        multiple.add(table[0], s);
      }
      table[j].set(multiple);
    }

    EdwardsPoint acc = identity();
    Cached selected = new Cached();
    long[] scratch = Field25519.zero();
    for (int i = 63; i >= 0; i--) {
      acc.dbl(s, false);
      acc.dbl(s, false);
      acc.dbl(s, false);
      acc.dbl(s, true);
      int digit = e[i];
      int negative = (digit >>> 31) & 1;
      int magnitude = (digit ^ -negative) + negative;
      selected.setIdentity();
      for (int j = 0; j < 8; j++) {
        selected.cmov(table[j], equalMask(magnitude, j + 1));
      }
      selected.cneg(negative, scratch);
      acc.add(selected, s);
    }
    Arrays.fill(e, (byte) 0);
    return acc;
  }

  /** Returns 1 if a == b, else 0, for small non-negative ints (constant-time). */
  private static int equalMask(int a, int b) {
    int d = a ^ b;
    return ((d | -d) >>> 31) ^ 1;
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
