package dev.parley.cleanroom.group;

import java.math.BigInteger;

/**
 * Arithmetic in GF(p), p = 2^255 - 19, the field under Curve25519 and ristretto255.
 *
 * <p>This is the small internal field API the group code is written against. A field element is a
 * {@code long[5]} in radix 2^51: value = sum(f[i] * 2^(51*i)), never necessarily below p. Two limb
 * bounds keep every operation exact without carrying more than needed:
 *
 * <ul>
 *   <li><b>reduced</b>: every limb in [0, 2^51 + 2^11). {@link #mul}, {@link #sqr}, {@link #add},
 *       {@link #sub}, {@link #neg} and the other carrying operations return reduced elements.
 *   <li><b>loose</b>: every limb in [0, 2^53). {@link #addLoose}, {@link #subLoose} and {@link
 *       #negLoose} take reduced inputs and return loose sums, differences and negations without a
 *       carry step; loose elements may only be fed to {@link #mul}, {@link #sqr}, {@link #add},
 *       {@link #sub}, {@link #neg}, {@link #mulSmall}, {@link #invertAll} or {@link #toBytes},
 *       which accept loose inputs.
 * </ul>
 *
 * Every other operation takes reduced inputs. Output arrays may alias inputs.
 *
 * <p>Every operation here is constant-time: no branch and no array index depends on a limb value.
 * The multiplication kernels live in {@link Radix51}.
 */
final class Field25519 {
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private static final long M51 = (1L << 51) - 1;

  /** The limbs of 2p, added before subtracting a reduced element (each above 2^51 + 2^11). */
  static final long TWO_P_0 = (1L << 52) - 38;

  static final long TWO_P_1234 = (1L << 52) - 2;

  /** The limbs of 8p, added before subtracting a loose element (each above 2^53). */
  private static final long EIGHT_P_0 = (1L << 54) - 152;

  private static final long EIGHT_P_1234 = (1L << 54) - 8;

  private Field25519() {}

  static long[] zero() {
    return new long[5];
  }

  static long[] one() {
    long[] z = new long[5];
    z[0] = 1;
    return z;
  }

  static void copy(long[] a, long[] z) {
    System.arraycopy(a, 0, z, 0, 5);
  }

  /** Builds an element from a non-negative integer (reduced mod p); for constants and tests. */
  static long[] fromBigInteger(BigInteger v) {
    BigInteger r = v.mod(P);
    long[] z = new long[5];
    for (int i = 0; i < 5; i++) {
      z[i] = r.shiftRight(51 * i).longValue() & M51;
    }
    return z;
  }

  /** Returns the canonical integer value in [0, p); for tests. */
  static BigInteger toBigInteger(long[] a) {
    byte[] le = toBytes(a);
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }

  /** z = a + b for loose inputs; z reduced. */
  static void add(long[] a, long[] b, long[] z) {
    carry(a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], z);
  }

  /**
   * z = a - b for loose inputs, computed as a + 8p - b so that no limb goes negative; z reduced.
   */
  static void sub(long[] a, long[] b, long[] z) {
    carry(
        a[0] + EIGHT_P_0 - b[0],
        a[1] + EIGHT_P_1234 - b[1],
        a[2] + EIGHT_P_1234 - b[2],
        a[3] + EIGHT_P_1234 - b[3],
        a[4] + EIGHT_P_1234 - b[4],
        z);
  }

  /**
   * z = 2a - b as 2a + 8p - b, for a reduced a and a loose b (the doubling's F' = 2 Z^2 - G in one
   * pass); z reduced.
   */
  static void subFromTwice(long[] a, long[] b, long[] z) {
    carry(
        2 * a[0] + EIGHT_P_0 - b[0],
        2 * a[1] + EIGHT_P_1234 - b[1],
        2 * a[2] + EIGHT_P_1234 - b[2],
        2 * a[3] + EIGHT_P_1234 - b[3],
        2 * a[4] + EIGHT_P_1234 - b[4],
        z);
  }

  /** z = -a for a loose input; z reduced. */
  static void neg(long[] a, long[] z) {
    carry(
        EIGHT_P_0 - a[0],
        EIGHT_P_1234 - a[1],
        EIGHT_P_1234 - a[2],
        EIGHT_P_1234 - a[3],
        EIGHT_P_1234 - a[4],
        z);
  }

  /** z = a + b for reduced inputs, without carrying; z loose (limbs below 2^52 + 2^12). */
  static void addLoose(long[] a, long[] b, long[] z) {
    z[0] = a[0] + b[0];
    z[1] = a[1] + b[1];
    z[2] = a[2] + b[2];
    z[3] = a[3] + b[3];
    z[4] = a[4] + b[4];
  }

  /**
   * z = a - b as a + 2p - b for reduced inputs, without carrying; z loose (below 3 * 2^51 + 2^11).
   */
  static void subLoose(long[] a, long[] b, long[] z) {
    z[0] = a[0] + TWO_P_0 - b[0];
    z[1] = a[1] + TWO_P_1234 - b[1];
    z[2] = a[2] + TWO_P_1234 - b[2];
    z[3] = a[3] + TWO_P_1234 - b[3];
    z[4] = a[4] + TWO_P_1234 - b[4];
  }

  /**
   * sum = a + b and diff = a - b (as a + 2p - b) in one pass, for reduced inputs, without carrying;
   * both loose, as from {@link #addLoose} and {@link #subLoose}. The outputs may alias the inputs.
   */
  static void sumAndDifference(long[] a, long[] b, long[] sum, long[] diff) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    sum[0] = a0 + b0;
    sum[1] = a1 + b1;
    sum[2] = a2 + b2;
    sum[3] = a3 + b3;
    sum[4] = a4 + b4;
    diff[0] = a0 + TWO_P_0 - b0;
    diff[1] = a1 + TWO_P_1234 - b1;
    diff[2] = a2 + TWO_P_1234 - b2;
    diff[3] = a3 + TWO_P_1234 - b3;
    diff[4] = a4 + TWO_P_1234 - b4;
  }

  /** z = -a as 2p - a for a reduced input, without carrying; z loose (below 2^52). */
  static void negLoose(long[] a, long[] z) {
    z[0] = TWO_P_0 - a[0];
    z[1] = TWO_P_1234 - a[1];
    z[2] = TWO_P_1234 - a[2];
    z[3] = TWO_P_1234 - a[3];
    z[4] = TWO_P_1234 - a[4];
  }

  /**
   * One parallel carry step for limbs in [0, 2^55): each limb keeps its low 51 bits plus the carry
   * (below 2^4) of the limb beneath, and limb 0 takes 19 times the carry out of limb 4 (2^255 = 19
   * mod p). The result is reduced: limbs below 2^51 + 19 * 2^4.
   */
  private static void carry(long t0, long t1, long t2, long t3, long t4, long[] z) {
    z[0] = (t0 & M51) + 19 * (t4 >>> 51);
    z[1] = (t1 & M51) + (t0 >>> 51);
    z[2] = (t2 & M51) + (t1 >>> 51);
    z[3] = (t3 & M51) + (t2 >>> 51);
    z[4] = (t4 & M51) + (t3 >>> 51);
  }

  /** z = a * b for loose inputs; z reduced. */
  static void mul(long[] a, long[] b, long[] z) {
    Radix51.mul(a, b, z);
  }

  /** z = a^2 for a loose input; z reduced. */
  static void sqr(long[] a, long[] z) {
    Radix51.sqr(a, z);
  }

  /** z = a * b and w = c * d (two independent products in one call); z must not alias c or d. */
  static void mul2(long[] a, long[] b, long[] z, long[] c, long[] d, long[] w) {
    Radix51.mul2(a, b, z, c, d, w);
  }

  /** z = a^2 and w = c^2 (two independent squares in one call); z must not alias c. */
  static void sqr2(long[] a, long[] z, long[] c, long[] w) {
    Radix51.sqr2(a, z, c, w);
  }

  /**
   * a = x^2, b = y^2, c = z^2 and s = (x + y)^2 in one call (the squares of a point doubling), for
   * reduced x and y and a loose z; no output may alias an input.
   */
  static void sqr4(long[] x, long[] y, long[] z, long[] a, long[] b, long[] c, long[] s) {
    Radix51.sqr4(x, y, z, a, b, c, s);
  }

  /**
   * z = a * c for a loose a and a small public constant c in [0, 2^20); z loose (limbs below 2^51 +
   * 2^27). Each limb product (below 2^73) is split into its low 51 bits and the carry above them
   * with {@link Math#multiplyHigh}; limb 0 takes 19 times the carry out of limb 4.
   */
  static void mulSmall(long[] a, int c, long[] z) {
    long p0 = a[0] * c, p1 = a[1] * c, p2 = a[2] * c, p3 = a[3] * c, p4 = a[4] * c;
    long k0 = (p0 >>> 51) | (Math.multiplyHigh(a[0], c) << 13);
    long k1 = (p1 >>> 51) | (Math.multiplyHigh(a[1], c) << 13);
    long k2 = (p2 >>> 51) | (Math.multiplyHigh(a[2], c) << 13);
    long k3 = (p3 >>> 51) | (Math.multiplyHigh(a[3], c) << 13);
    long k4 = (p4 >>> 51) | (Math.multiplyHigh(a[4], c) << 13);
    z[0] = (p0 & M51) + 19 * k4;
    z[1] = (p1 & M51) + k0;
    z[2] = (p2 & M51) + k1;
    z[3] = (p3 & M51) + k2;
    z[4] = (p4 & M51) + k3;
  }

  /** z = a^(2^n), n >= 1. */
  static void sqrN(long[] a, int n, long[] z) {
    sqr(a, z);
    for (int i = 1; i < n; i++) {
      sqr(z, z);
    }
  }

  /** z = a^(2^252 - 3) = a^((p-5)/8); also returns a^11 and a^(2^250-1) for {@link #invert}. */
  private static void powChain(long[] a, long[] z, long[] a11Out, long[] a250Out) {
    long[] t0 = zero();
    long[] t1 = zero();
    long[] a9 = zero();
    long[] a11 = zero();
    sqr(a, t0); // a^2
    sqrN(t0, 2, t1); // a^8
    mul(t1, a, a9); // a^9
    mul(a9, t0, a11); // a^11
    sqr(a11, t0); // a^22
    long[] e5 = zero();
    mul(t0, a9, e5); // a^(2^5 - 1)
    long[] e10 = zero();
    sqrN(e5, 5, t0);
    mul(t0, e5, e10); // a^(2^10 - 1)
    long[] e20 = zero();
    sqrN(e10, 10, t0);
    mul(t0, e10, e20); // a^(2^20 - 1)
    long[] e40 = zero();
    sqrN(e20, 20, t0);
    mul(t0, e20, e40); // a^(2^40 - 1)
    long[] e50 = zero();
    sqrN(e40, 10, t0);
    mul(t0, e10, e50); // a^(2^50 - 1)
    long[] e100 = zero();
    sqrN(e50, 50, t0);
    mul(t0, e50, e100); // a^(2^100 - 1)
    long[] e200 = zero();
    sqrN(e100, 100, t0);
    mul(t0, e100, e200); // a^(2^200 - 1)
    long[] e250 = zero();
    sqrN(e200, 50, t0);
    mul(t0, e50, e250); // a^(2^250 - 1)
    sqrN(e250, 2, t0);
    mul(t0, a, z); // a^(2^252 - 3)
    copy(a11, a11Out);
    copy(e250, a250Out);
  }

  /** z = a^((p-5)/8) = a^(2^252 - 3), the exponentiation inside SQRT_RATIO_M1. */
  static void pow22523(long[] a, long[] z) {
    powChain(a, z, zero(), zero());
  }

  /** z = 1/a = a^(p-2) (Fermat, constant-time); 1/0 = 0. */
  static void invert(long[] a, long[] z) {
    long[] a11 = zero();
    long[] e250 = zero();
    powChain(a, zero(), a11, e250);
    long[] t = zero();
    sqrN(e250, 5, t); // a^(2^255 - 32)
    mul(t, a11, z); // a^(2^255 - 21) = a^(p - 2)
  }

  /**
   * Returns the inverses of all values with one inversion (Montgomery's trick: running products,
   * one Fermat inversion, one multiplication back per value), with 1/0 = 0. A zero value is
   * replaced by one before and its inverse by zero after, by masked moves, so that it cannot spoil
   * the others; the operation sequence depends only on the number of values.
   *
   * @param values loose elements (not modified)
   * @return one new reduced element per value, in order
   */
  static long[][] invertAll(long[][] values) {
    int n = values.length;
    long[][] inverses = new long[n][];
    if (n == 0) {
      return inverses;
    }
    int[] zeroFlags = new int[n];
    long[][] nonzero = new long[n][];
    for (int i = 0; i < n; i++) {
      zeroFlags[i] = isZero(values[i]);
      nonzero[i] = values[i].clone();
      cmov(nonzero[i], one(), zeroFlags[i]);
    }
    // prefix[i] = v_0 * ... * v_i
    long[][] prefix = new long[n][];
    prefix[0] = nonzero[0].clone();
    for (int i = 1; i < n; i++) {
      prefix[i] = zero();
      mul(prefix[i - 1], nonzero[i], prefix[i]);
    }
    long[] inv = zero();
    invert(prefix[n - 1], inv); // 1 / (v_0 * ... * v_(n-1))
    for (int i = n - 1; i > 0; i--) {
      inverses[i] = zero();
      mul(inv, prefix[i - 1], inverses[i]); // 1 / v_i
      mul(inv, nonzero[i], inv); // 1 / (v_0 * ... * v_(i-1))
    }
    inverses[0] = inv;
    for (int i = 0; i < n; i++) {
      cmov(inverses[i], zero(), zeroFlags[i]);
    }
    return inverses;
  }

  /**
   * Writes the canonical limbs (value in [0, p), each limb below 2^51) of a loose element into r.
   *
   * <p>One carry step makes the element reduced, so its value is below 2^255 + 2^216 < 2p; it is
   * then at least p exactly when value + 19 reaches 2^255. q is that overflow bit, computed by
   * carrying 19 through the limbs, and (value + 19q) mod 2^255 is the canonical value.
   */
  static void canonical(long[] a, long[] r) {
    carry(a[0], a[1], a[2], a[3], a[4], r);
    long t0 = r[0], t1 = r[1], t2 = r[2], t3 = r[3], t4 = r[4];
    long q = (t0 + 19) >>> 51;
    q = (t1 + q) >>> 51;
    q = (t2 + q) >>> 51;
    q = (t3 + q) >>> 51;
    q = (t4 + q) >>> 51;
    t0 += 19 * q;
    t1 += t0 >>> 51;
    t2 += t1 >>> 51;
    t3 += t2 >>> 51;
    t4 += t3 >>> 51;
    r[0] = t0 & M51;
    r[1] = t1 & M51;
    r[2] = t2 & M51;
    r[3] = t3 & M51;
    r[4] = t4 & M51;
  }

  /** Writes the canonical 32-byte little-endian encoding (value in [0, p)) of a loose element. */
  static byte[] toBytes(long[] a) {
    long[] r = new long[5];
    canonical(a, r);
    long[] words = {
      r[0] | (r[1] << 51),
      (r[1] >>> 13) | (r[2] << 38),
      (r[2] >>> 26) | (r[3] << 25),
      (r[3] >>> 39) | (r[4] << 12)
    };
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (words[i >>> 3] >>> (8 * (i & 7)));
    }
    return out;
  }

  /**
   * Reads 32 little-endian bytes, ignoring bit 255 (as RFC 7748 does); values in [p, 2^255) are
   * accepted and reduced. Callers needing canonical input compare {@link #toBytes} with the input.
   */
  static long[] fromBytesMasked(byte[] b, int off) {
    long[] z = new long[5];
    z[0] = load64(b, off) & M51;
    z[1] = (load64(b, off + 6) >>> 3) & M51;
    z[2] = (load64(b, off + 12) >>> 6) & M51;
    z[3] = (load64(b, off + 19) >>> 1) & M51;
    z[4] = (load64(b, off + 24) >>> 12) & M51;
    return z;
  }

  private static long load64(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  /** Returns 1 if a is zero mod p, else 0 (constant-time). */
  static int isZero(long[] a) {
    long[] r = new long[5];
    canonical(a, r);
    long acc = r[0] | r[1] | r[2] | r[3] | r[4];
    return (int) (((acc | -acc) >>> 63) ^ 1);
  }

  /** Returns 1 if a = b mod p, else 0 (constant-time). */
  static int equal(long[] a, long[] b) {
    long[] d = zero();
    sub(a, b, d);
    return isZero(d);
  }

  /** IS_NEGATIVE (RFC 9496 §3.1): 1 if the canonical value is odd, else 0. */
  static int isNegative(long[] a) {
    long[] r = new long[5];
    canonical(a, r);
    return (int) (r[0] & 1);
  }

  /** Conditional move: z = a when flag is 1, z unchanged when flag is 0 (constant-time). */
  static void cmov(long[] z, long[] a, int flag) {
    long mask = -(long) flag;
    for (int i = 0; i < 5; i++) {
      z[i] ^= (z[i] ^ a[i]) & mask;
    }
  }

  /** CT_ABS (RFC 9496 §3.1): z = -a if a is negative, else a (constant-time). */
  static void abs(long[] a, long[] z) {
    long[] n = zero();
    neg(a, n);
    int negative = isNegative(a);
    copy(a, z);
    cmov(z, n, negative);
  }
}
