package dev.parley.cleanroom.group;

/**
 * The multiplication and squaring kernels of {@link Field25519} in radix 2^51.
 *
 * <p>Coefficient k of a product collects a_i*b_j with i+j = k plus 19*a_i*b_j with i+j = k+5, since
 * 2^255 = 19 mod p. For input limbs below 2^53 every coefficient c_k is an integer below 77 * 2^106
 * < 2^112.3, too wide for a long, and Java has no 64x64->128 multiply that yields both halves at
 * once. So each c_k is computed twice, with independent hardware:
 *
 * <ol>
 *   <li>exactly modulo 2^64, as a wrapping sum of long products: w_k = c_k mod 2^64 (as a signed
 *       long);
 *   <li>approximately, as a double-precision sum of products with fused multiply-add: d_k, summed
 *       as a two-branch tree to shorten the dependency chain. Limbs below 2^53 convert to double
 *       exactly; each of the at most six roundings errs by at most 2^-53 times a partial sum below
 *       2^112.3, and scaling by 19 or 38 in double precision adds at most 2^-53 * c_k, so |d_k -
 *       c_k| < 2^62.1.
 * </ol>
 *
 * Since c_k - w_k is a multiple of 2^64, m = round((d_k - w_k) / 2^64) recovers it exactly: the
 * conversion of w_k and the subtraction add at most 2^59.4, so the total error stays below 0.31 of
 * a unit (half a unit would be needed to round wrongly). Then c_k >> 51 = (w_k >> 51) + m * 2^13
 * and c_k mod 2^51 = w_k mod 2^51. The rounding adds 1.5 * 2^52 (whose ulp is 1) in the same fused
 * operation and reads the integer out of the low mantissa bits, so there is no branch and no
 * double-to-long conversion stub.
 *
 * <p>{@link #mul2} and {@link #sqr2} compute two independent products in one call, which lets the
 * processor overlap them and saves a call (about 5% per product, measured); the point formulas use
 * them wherever two products are independent. {@link #sqr4} computes the four squares of a point
 * doubling, sharing the loads and conversions of x and y with the square of x + y. {@link
 * #sqrSumAndDifference} and {@link #mulPrepared} serve the Montgomery ladder: the squares of a sum
 * and a difference formed in registers, and products by a factor converted once. The kernels write
 * the product bodies out instead of sharing helper methods on purpose: routing {@link #mul}, {@link
 * #mul2}, {@link #sqr}, {@link #sqr2} and {@link #mulPrepared} through two shared helpers made the
 * whole tokenizer about 2% slower (three alternating pairs of runs of a throwaway harness,
 * 16.53k–16.60k against 16.91k–16.98k tokens per CPU second), because the JIT then compiles them
 * differently.
 *
 * <p>Output limbs are below 2^51 + 2^11 (the "reduced" bound of {@link Field25519}). Constant-time:
 * straight-line code; integer multiply and the double-precision multiply, FMA, add and conversions
 * run in data-independent time on x86-64 and AArch64 for normal numbers and zero, and no value here
 * is subnormal (every double is an integer, or an integer times 2^-64, of magnitude zero or at
 * least 2^-64).
 */
final class Radix51 {
  private static final long M51 = (1L << 51) - 1;
  private static final double TWO_POW_M64 = 0x1p-64;
  private static final double ROUNDER = 0x1.8p52;

  private Radix51() {}

  /** z = a * b for limbs in [0, 2^53); z may alias a or b. */
  static void mul(long[] a, long[] b, long[] z) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long c1 = 19 * b1, c2 = 19 * b2, c3 = 19 * b3, c4 = 19 * b4;
    double x0 = a0, x1 = a1, x2 = a2, x3 = a3, x4 = a4;
    double y0 = b0, y1 = b1, y2 = b2, y3 = b3, y4 = b4;
    double e1 = 19 * y1, e2 = 19 * y2, e3 = 19 * y3, e4 = 19 * y4;

    long w0 = a0 * b0 + a1 * c4 + a2 * c3 + a3 * c2 + a4 * c1;
    long w1 = a0 * b1 + a1 * b0 + a2 * c4 + a3 * c3 + a4 * c2;
    long w2 = a0 * b2 + a1 * b1 + a2 * b0 + a3 * c4 + a4 * c3;
    long w3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + a4 * c4;
    long w4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;

    double d0 = Math.fma(x4, e1, Math.fma(x1, e4, x0 * y0) + Math.fma(x3, e2, x2 * e3));
    double d1 = Math.fma(x4, e2, Math.fma(x1, y0, x0 * y1) + Math.fma(x3, e3, x2 * e4));
    double d2 = Math.fma(x4, e3, Math.fma(x1, y1, x0 * y2) + Math.fma(x3, e4, x2 * y0));
    double d3 = Math.fma(x4, e4, Math.fma(x1, y2, x0 * y3) + Math.fma(x3, y0, x2 * y1));
    double d4 = Math.fma(x4, y0, Math.fma(x1, y3, x0 * y4) + Math.fma(x3, y1, x2 * y2));

    finish(w0, w1, w2, w3, w4, d0, d1, d2, d3, d4, z);
  }

  /** z = a^2 for limbs in [0, 2^53); z may alias a. */
  static void sqr(long[] a, long[] z) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long twoA0 = 2 * a0, twoA1 = 2 * a1;
    long a3x19 = 19 * a3, a4x19 = 19 * a4, a3x38 = 2 * a3x19, a4x38 = 2 * a4x19;
    double x0 = a0, x1 = a1, x2 = a2, x3 = a3, x4 = a4;
    double twoX0 = 2 * x0, twoX1 = 2 * x1;
    double x3x19 = 19 * x3, x4x19 = 19 * x4, x3x38 = 38 * x3, x4x38 = 38 * x4;

    // c0 = a0^2 + 38 (a1 a4 + a2 a3)      c1 = 2 a0 a1 + 38 a2 a4 + 19 a3^2
    // c2 = 2 a0 a2 + a1^2 + 38 a3 a4      c3 = 2 a0 a3 + 2 a1 a2 + 19 a4^2
    // c4 = 2 a0 a4 + 2 a1 a3 + a2^2
    long w0 = a0 * a0 + a1 * a4x38 + a2 * a3x38;
    long w1 = twoA0 * a1 + a2 * a4x38 + a3 * a3x19;
    long w2 = twoA0 * a2 + a1 * a1 + a3 * a4x38;
    long w3 = twoA0 * a3 + twoA1 * a2 + a4 * a4x19;
    long w4 = twoA0 * a4 + twoA1 * a3 + a2 * a2;

    double d0 = Math.fma(x2, x3x38, Math.fma(x1, x4x38, x0 * x0));
    double d1 = Math.fma(x3, x3x19, Math.fma(x2, x4x38, twoX0 * x1));
    double d2 = Math.fma(x3, x4x38, Math.fma(x1, x1, twoX0 * x2));
    double d3 = Math.fma(x4, x4x19, Math.fma(twoX1, x2, twoX0 * x3));
    double d4 = Math.fma(x2, x2, Math.fma(twoX1, x3, twoX0 * x4));

    finish(w0, w1, w2, w3, w4, d0, d1, d2, d3, d4, z);
  }

  /**
   * zs = (p + q)^2 and zd = (p - q)^2 in one call, for reduced p and q (limbs below 2^51 + 2^11):
   * the sum and the difference (as p + 2p - q) are formed in registers, below 2^53, and squared as
   * in {@link #sqr}; no output may alias an input. This is the squaring round of a Montgomery
   * ladder step.
   */
  static void sqrSumAndDifference(long[] p, long[] q, long[] zs, long[] zd) {
    long p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4];
    long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4];
    square(p0 + q0, p1 + q1, p2 + q2, p3 + q3, p4 + q4, zs);
    square(
        p0 + Field25519.TWO_P_0 - q0,
        p1 + Field25519.TWO_P_1234 - q1,
        p2 + Field25519.TWO_P_1234 - q2,
        p3 + Field25519.TWO_P_1234 - q3,
        p4 + Field25519.TWO_P_1234 - q4,
        zd);
  }

  /** z = a^2 for the limbs a0..a4 in [0, 2^53): the body of {@link #sqr} on values. */
  private static void square(long a0, long a1, long a2, long a3, long a4, long[] z) {
    long twoA0 = 2 * a0, twoA1 = 2 * a1;
    long a3x19 = 19 * a3, a4x19 = 19 * a4, a3x38 = 2 * a3x19, a4x38 = 2 * a4x19;
    double x0 = a0, x1 = a1, x2 = a2, x3 = a3, x4 = a4;
    double twoX0 = 2 * x0, twoX1 = 2 * x1;
    double x3x19 = 19 * x3, x4x19 = 19 * x4, x3x38 = 38 * x3, x4x38 = 38 * x4;
    long w0 = a0 * a0 + a1 * a4x38 + a2 * a3x38;
    long w1 = twoA0 * a1 + a2 * a4x38 + a3 * a3x19;
    long w2 = twoA0 * a2 + a1 * a1 + a3 * a4x38;
    long w3 = twoA0 * a3 + twoA1 * a2 + a4 * a4x19;
    long w4 = twoA0 * a4 + twoA1 * a3 + a2 * a2;
    double d0 = Math.fma(x2, x3x38, Math.fma(x1, x4x38, x0 * x0));
    double d1 = Math.fma(x3, x3x19, Math.fma(x2, x4x38, twoX0 * x1));
    double d2 = Math.fma(x3, x4x38, Math.fma(x1, x1, twoX0 * x2));
    double d3 = Math.fma(x4, x4x19, Math.fma(twoX1, x2, twoX0 * x3));
    double d4 = Math.fma(x2, x2, Math.fma(twoX1, x3, twoX0 * x4));
    finish(w0, w1, w2, w3, w4, d0, d1, d2, d3, d4, z);
  }

  /**
   * z = a * b for a factor b used many times, given {@link #prepare prepared}: b and 19 b as limbs
   * and as doubles, so that each product skips those multiplications and conversions; same bounds
   * as {@link #mul}.
   */
  static void mulPrepared(long[] a, long[] b, double[] prepared, long[] z) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long c1 = b[6], c2 = b[7], c3 = b[8], c4 = b[9];
    double x0 = a0, x1 = a1, x2 = a2, x3 = a3, x4 = a4;
    double y0 = prepared[0], y1 = prepared[1], y2 = prepared[2], y3 = prepared[3];
    double y4 = prepared[4];
    double e1 = prepared[6], e2 = prepared[7], e3 = prepared[8], e4 = prepared[9];

    long w0 = a0 * b0 + a1 * c4 + a2 * c3 + a3 * c2 + a4 * c1;
    long w1 = a0 * b1 + a1 * b0 + a2 * c4 + a3 * c3 + a4 * c2;
    long w2 = a0 * b2 + a1 * b1 + a2 * b0 + a3 * c4 + a4 * c3;
    long w3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + a4 * c4;
    long w4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;

    double d0 = Math.fma(x4, e1, Math.fma(x1, e4, x0 * y0) + Math.fma(x3, e2, x2 * e3));
    double d1 = Math.fma(x4, e2, Math.fma(x1, y0, x0 * y1) + Math.fma(x3, e3, x2 * e4));
    double d2 = Math.fma(x4, e3, Math.fma(x1, y1, x0 * y2) + Math.fma(x3, e4, x2 * y0));
    double d3 = Math.fma(x4, e4, Math.fma(x1, y2, x0 * y3) + Math.fma(x3, y0, x2 * y1));
    double d4 = Math.fma(x4, y0, Math.fma(x1, y3, x0 * y4) + Math.fma(x3, y1, x2 * y2));

    finish(w0, w1, w2, w3, w4, d0, d1, d2, d3, d4, z);
  }

  /**
   * Prepares a factor b (limbs in [0, 2^53)) for {@link #mulPrepared}: limbs[0..5) = b and
   * limbs[5..10) = 19 b, doubles likewise (19 b_0 is not used).
   */
  static void prepare(long[] b, long[] limbs, double[] doubles) {
    for (int i = 0; i < 5; i++) {
      limbs[i] = b[i];
      limbs[5 + i] = 19 * b[i];
      doubles[i] = b[i];
      doubles[5 + i] = 19 * (double) b[i];
    }
  }

  /**
   * z = a * b and w = c * d in one call, for two independent products (the processor overlaps
   * them); same bounds and aliasing rules as {@link #mul}, and z must not alias c or d.
   */
  static void mul2(long[] a, long[] b, long[] z, long[] c, long[] d, long[] w) {
    // The body of mul twice: suffix a for a * b -> z, suffix b for c * d -> w.
    long a0a = a[0], a1a = a[1], a2a = a[2], a3a = a[3], a4a = a[4];
    long b0a = b[0], b1a = b[1], b2a = b[2], b3a = b[3], b4a = b[4];
    long c1a = 19 * b1a, c2a = 19 * b2a, c3a = 19 * b3a, c4a = 19 * b4a;
    double x0a = a0a, x1a = a1a, x2a = a2a, x3a = a3a, x4a = a4a;
    double y0a = b0a, y1a = b1a, y2a = b2a, y3a = b3a, y4a = b4a;
    double e1a = 19 * y1a, e2a = 19 * y2a, e3a = 19 * y3a, e4a = 19 * y4a;

    long w0a = a0a * b0a + a1a * c4a + a2a * c3a + a3a * c2a + a4a * c1a;
    long w1a = a0a * b1a + a1a * b0a + a2a * c4a + a3a * c3a + a4a * c2a;
    long w2a = a0a * b2a + a1a * b1a + a2a * b0a + a3a * c4a + a4a * c3a;
    long w3a = a0a * b3a + a1a * b2a + a2a * b1a + a3a * b0a + a4a * c4a;
    long w4a = a0a * b4a + a1a * b3a + a2a * b2a + a3a * b1a + a4a * b0a;

    double d0a = Math.fma(x4a, e1a, Math.fma(x1a, e4a, x0a * y0a) + Math.fma(x3a, e2a, x2a * e3a));
    double d1a = Math.fma(x4a, e2a, Math.fma(x1a, y0a, x0a * y1a) + Math.fma(x3a, e3a, x2a * e4a));
    double d2a = Math.fma(x4a, e3a, Math.fma(x1a, y1a, x0a * y2a) + Math.fma(x3a, e4a, x2a * y0a));
    double d3a = Math.fma(x4a, e4a, Math.fma(x1a, y2a, x0a * y3a) + Math.fma(x3a, y0a, x2a * y1a));
    double d4a = Math.fma(x4a, y0a, Math.fma(x1a, y3a, x0a * y4a) + Math.fma(x3a, y1a, x2a * y2a));

    finish(w0a, w1a, w2a, w3a, w4a, d0a, d1a, d2a, d3a, d4a, z);

    long a0b = c[0], a1b = c[1], a2b = c[2], a3b = c[3], a4b = c[4];
    long b0b = d[0], b1b = d[1], b2b = d[2], b3b = d[3], b4b = d[4];
    long c1b = 19 * b1b, c2b = 19 * b2b, c3b = 19 * b3b, c4b = 19 * b4b;
    double x0b = a0b, x1b = a1b, x2b = a2b, x3b = a3b, x4b = a4b;
    double y0b = b0b, y1b = b1b, y2b = b2b, y3b = b3b, y4b = b4b;
    double e1b = 19 * y1b, e2b = 19 * y2b, e3b = 19 * y3b, e4b = 19 * y4b;

    long w0b = a0b * b0b + a1b * c4b + a2b * c3b + a3b * c2b + a4b * c1b;
    long w1b = a0b * b1b + a1b * b0b + a2b * c4b + a3b * c3b + a4b * c2b;
    long w2b = a0b * b2b + a1b * b1b + a2b * b0b + a3b * c4b + a4b * c3b;
    long w3b = a0b * b3b + a1b * b2b + a2b * b1b + a3b * b0b + a4b * c4b;
    long w4b = a0b * b4b + a1b * b3b + a2b * b2b + a3b * b1b + a4b * b0b;

    double d0b = Math.fma(x4b, e1b, Math.fma(x1b, e4b, x0b * y0b) + Math.fma(x3b, e2b, x2b * e3b));
    double d1b = Math.fma(x4b, e2b, Math.fma(x1b, y0b, x0b * y1b) + Math.fma(x3b, e3b, x2b * e4b));
    double d2b = Math.fma(x4b, e3b, Math.fma(x1b, y1b, x0b * y2b) + Math.fma(x3b, e4b, x2b * y0b));
    double d3b = Math.fma(x4b, e4b, Math.fma(x1b, y2b, x0b * y3b) + Math.fma(x3b, y0b, x2b * y1b));
    double d4b = Math.fma(x4b, y0b, Math.fma(x1b, y3b, x0b * y4b) + Math.fma(x3b, y1b, x2b * y2b));

    finish(w0b, w1b, w2b, w3b, w4b, d0b, d1b, d2b, d3b, d4b, w);
  }

  /**
   * z = a^2 and w = c^2 in one call, for two independent squares; same bounds as {@link #sqr}, and
   * z must not alias c.
   */
  static void sqr2(long[] a, long[] z, long[] c, long[] w) {
    // The body of sqr twice: suffix a for a -> z, suffix b for c -> w.
    long a0a = a[0], a1a = a[1], a2a = a[2], a3a = a[3], a4a = a[4];
    long twoA0a = 2 * a0a, twoA1a = 2 * a1a;
    long a3x19a = 19 * a3a, a4x19a = 19 * a4a, a3x38a = 2 * a3x19a, a4x38a = 2 * a4x19a;
    double x0a = a0a, x1a = a1a, x2a = a2a, x3a = a3a, x4a = a4a;
    double twoX0a = 2 * x0a, twoX1a = 2 * x1a;
    double x3x19a = 19 * x3a, x4x19a = 19 * x4a, x3x38a = 38 * x3a, x4x38a = 38 * x4a;

    long w0a = a0a * a0a + a1a * a4x38a + a2a * a3x38a;
    long w1a = twoA0a * a1a + a2a * a4x38a + a3a * a3x19a;
    long w2a = twoA0a * a2a + a1a * a1a + a3a * a4x38a;
    long w3a = twoA0a * a3a + twoA1a * a2a + a4a * a4x19a;
    long w4a = twoA0a * a4a + twoA1a * a3a + a2a * a2a;

    double d0a = Math.fma(x2a, x3x38a, Math.fma(x1a, x4x38a, x0a * x0a));
    double d1a = Math.fma(x3a, x3x19a, Math.fma(x2a, x4x38a, twoX0a * x1a));
    double d2a = Math.fma(x3a, x4x38a, Math.fma(x1a, x1a, twoX0a * x2a));
    double d3a = Math.fma(x4a, x4x19a, Math.fma(twoX1a, x2a, twoX0a * x3a));
    double d4a = Math.fma(x2a, x2a, Math.fma(twoX1a, x3a, twoX0a * x4a));

    finish(w0a, w1a, w2a, w3a, w4a, d0a, d1a, d2a, d3a, d4a, z);

    long a0b = c[0], a1b = c[1], a2b = c[2], a3b = c[3], a4b = c[4];
    long twoA0b = 2 * a0b, twoA1b = 2 * a1b;
    long a3x19b = 19 * a3b, a4x19b = 19 * a4b, a3x38b = 2 * a3x19b, a4x38b = 2 * a4x19b;
    double x0b = a0b, x1b = a1b, x2b = a2b, x3b = a3b, x4b = a4b;
    double twoX0b = 2 * x0b, twoX1b = 2 * x1b;
    double x3x19b = 19 * x3b, x4x19b = 19 * x4b, x3x38b = 38 * x3b, x4x38b = 38 * x4b;

    long w0b = a0b * a0b + a1b * a4x38b + a2b * a3x38b;
    long w1b = twoA0b * a1b + a2b * a4x38b + a3b * a3x19b;
    long w2b = twoA0b * a2b + a1b * a1b + a3b * a4x38b;
    long w3b = twoA0b * a3b + twoA1b * a2b + a4b * a4x19b;
    long w4b = twoA0b * a4b + twoA1b * a3b + a2b * a2b;

    double d0b = Math.fma(x2b, x3x38b, Math.fma(x1b, x4x38b, x0b * x0b));
    double d1b = Math.fma(x3b, x3x19b, Math.fma(x2b, x4x38b, twoX0b * x1b));
    double d2b = Math.fma(x3b, x4x38b, Math.fma(x1b, x1b, twoX0b * x2b));
    double d3b = Math.fma(x4b, x4x19b, Math.fma(twoX1b, x2b, twoX0b * x3b));
    double d4b = Math.fma(x2b, x2b, Math.fma(twoX1b, x3b, twoX0b * x4b));

    finish(w0b, w1b, w2b, w3b, w4b, d0b, d1b, d2b, d3b, d4b, w);
  }

  /**
   * The four squares of a point doubling in one call: a = x^2, b = y^2, s = (x + y)^2 and c = z^2,
   * for x and y with limbs in [0, 2^52) (so that x + y stays below 2^53, formed exactly in both
   * domains from the limbs already loaded) and z with limbs in [0, 2^53). Sharing the loads and
   * conversions of x and y saves about 3% of a doubling (measured); no output may alias an input.
   */
  static void sqr4(long[] x, long[] y, long[] z, long[] a, long[] b, long[] c, long[] s) {
    // The body of sqr four times, suffixes a: x -> a, b: y -> b, c: x + y -> s, d: z -> c.
    long a0a = x[0], a1a = x[1], a2a = x[2], a3a = x[3], a4a = x[4];
    long twoA0a = 2 * a0a, twoA1a = 2 * a1a;
    long a3x19a = 19 * a3a, a4x19a = 19 * a4a, a3x38a = 2 * a3x19a, a4x38a = 2 * a4x19a;
    double x0a = a0a, x1a = a1a, x2a = a2a, x3a = a3a, x4a = a4a;
    double twoX0a = 2 * x0a, twoX1a = 2 * x1a;
    double x3x19a = 19 * x3a, x4x19a = 19 * x4a, x3x38a = 38 * x3a, x4x38a = 38 * x4a;

    long w0a = a0a * a0a + a1a * a4x38a + a2a * a3x38a;
    long w1a = twoA0a * a1a + a2a * a4x38a + a3a * a3x19a;
    long w2a = twoA0a * a2a + a1a * a1a + a3a * a4x38a;
    long w3a = twoA0a * a3a + twoA1a * a2a + a4a * a4x19a;
    long w4a = twoA0a * a4a + twoA1a * a3a + a2a * a2a;

    double d0a = Math.fma(x2a, x3x38a, Math.fma(x1a, x4x38a, x0a * x0a));
    double d1a = Math.fma(x3a, x3x19a, Math.fma(x2a, x4x38a, twoX0a * x1a));
    double d2a = Math.fma(x3a, x4x38a, Math.fma(x1a, x1a, twoX0a * x2a));
    double d3a = Math.fma(x4a, x4x19a, Math.fma(twoX1a, x2a, twoX0a * x3a));
    double d4a = Math.fma(x2a, x2a, Math.fma(twoX1a, x3a, twoX0a * x4a));

    finish(w0a, w1a, w2a, w3a, w4a, d0a, d1a, d2a, d3a, d4a, a);

    long a0b = y[0], a1b = y[1], a2b = y[2], a3b = y[3], a4b = y[4];
    long twoA0b = 2 * a0b, twoA1b = 2 * a1b;
    long a3x19b = 19 * a3b, a4x19b = 19 * a4b, a3x38b = 2 * a3x19b, a4x38b = 2 * a4x19b;
    double x0b = a0b, x1b = a1b, x2b = a2b, x3b = a3b, x4b = a4b;
    double twoX0b = 2 * x0b, twoX1b = 2 * x1b;
    double x3x19b = 19 * x3b, x4x19b = 19 * x4b, x3x38b = 38 * x3b, x4x38b = 38 * x4b;

    long w0b = a0b * a0b + a1b * a4x38b + a2b * a3x38b;
    long w1b = twoA0b * a1b + a2b * a4x38b + a3b * a3x19b;
    long w2b = twoA0b * a2b + a1b * a1b + a3b * a4x38b;
    long w3b = twoA0b * a3b + twoA1b * a2b + a4b * a4x19b;
    long w4b = twoA0b * a4b + twoA1b * a3b + a2b * a2b;

    double d0b = Math.fma(x2b, x3x38b, Math.fma(x1b, x4x38b, x0b * x0b));
    double d1b = Math.fma(x3b, x3x19b, Math.fma(x2b, x4x38b, twoX0b * x1b));
    double d2b = Math.fma(x3b, x4x38b, Math.fma(x1b, x1b, twoX0b * x2b));
    double d3b = Math.fma(x4b, x4x19b, Math.fma(twoX1b, x2b, twoX0b * x3b));
    double d4b = Math.fma(x2b, x2b, Math.fma(twoX1b, x3b, twoX0b * x4b));

    finish(w0b, w1b, w2b, w3b, w4b, d0b, d1b, d2b, d3b, d4b, b);

    // (X+Y)^2: the sums are exact in both domains, limbs below 2^53.
    long a0c = a0a + a0b, a1c = a1a + a1b, a2c = a2a + a2b, a3c = a3a + a3b, a4c = a4a + a4b;
    long twoA0c = 2 * a0c, twoA1c = 2 * a1c;
    long a3x19c = 19 * a3c, a4x19c = 19 * a4c, a3x38c = 2 * a3x19c, a4x38c = 2 * a4x19c;
    double x0c = x0a + x0b, x1c = x1a + x1b, x2c = x2a + x2b, x3c = x3a + x3b, x4c = x4a + x4b;
    double twoX0c = 2 * x0c, twoX1c = 2 * x1c;
    double x3x19c = 19 * x3c, x4x19c = 19 * x4c, x3x38c = 38 * x3c, x4x38c = 38 * x4c;

    long w0c = a0c * a0c + a1c * a4x38c + a2c * a3x38c;
    long w1c = twoA0c * a1c + a2c * a4x38c + a3c * a3x19c;
    long w2c = twoA0c * a2c + a1c * a1c + a3c * a4x38c;
    long w3c = twoA0c * a3c + twoA1c * a2c + a4c * a4x19c;
    long w4c = twoA0c * a4c + twoA1c * a3c + a2c * a2c;

    double d0c = Math.fma(x2c, x3x38c, Math.fma(x1c, x4x38c, x0c * x0c));
    double d1c = Math.fma(x3c, x3x19c, Math.fma(x2c, x4x38c, twoX0c * x1c));
    double d2c = Math.fma(x3c, x4x38c, Math.fma(x1c, x1c, twoX0c * x2c));
    double d3c = Math.fma(x4c, x4x19c, Math.fma(twoX1c, x2c, twoX0c * x3c));
    double d4c = Math.fma(x2c, x2c, Math.fma(twoX1c, x3c, twoX0c * x4c));

    finish(w0c, w1c, w2c, w3c, w4c, d0c, d1c, d2c, d3c, d4c, s);

    long a0d = z[0], a1d = z[1], a2d = z[2], a3d = z[3], a4d = z[4];
    long twoA0d = 2 * a0d, twoA1d = 2 * a1d;
    long a3x19d = 19 * a3d, a4x19d = 19 * a4d, a3x38d = 2 * a3x19d, a4x38d = 2 * a4x19d;
    double x0d = a0d, x1d = a1d, x2d = a2d, x3d = a3d, x4d = a4d;
    double twoX0d = 2 * x0d, twoX1d = 2 * x1d;
    double x3x19d = 19 * x3d, x4x19d = 19 * x4d, x3x38d = 38 * x3d, x4x38d = 38 * x4d;

    long w0d = a0d * a0d + a1d * a4x38d + a2d * a3x38d;
    long w1d = twoA0d * a1d + a2d * a4x38d + a3d * a3x19d;
    long w2d = twoA0d * a2d + a1d * a1d + a3d * a4x38d;
    long w3d = twoA0d * a3d + twoA1d * a2d + a4d * a4x19d;
    long w4d = twoA0d * a4d + twoA1d * a3d + a2d * a2d;

    double d0d = Math.fma(x2d, x3x38d, Math.fma(x1d, x4x38d, x0d * x0d));
    double d1d = Math.fma(x3d, x3x19d, Math.fma(x2d, x4x38d, twoX0d * x1d));
    double d2d = Math.fma(x3d, x4x38d, Math.fma(x1d, x1d, twoX0d * x2d));
    double d3d = Math.fma(x4d, x4x19d, Math.fma(twoX1d, x2d, twoX0d * x3d));
    double d4d = Math.fma(x2d, x2d, Math.fma(twoX1d, x3d, twoX0d * x4d));

    finish(w0d, w1d, w2d, w3d, w4d, d0d, d1d, d2d, d3d, d4d, c);
  }

  /**
   * c_k >> 51 from the exact low word w = c_k mod 2^64 and the estimate d of c_k. The rounded sum
   * (d - w) / 2^64 + 1.5 * 2^52 has the bits of 1.5 * 2^52 plus m, with m below 2^49; shifted left
   * by 13, the bits of 1.5 * 2^52 (lowest set bit 51) vanish modulo 2^64 and m * 2^13 remains.
   */
  private static long high(long w, double d) {
    long rounded = Double.doubleToRawLongBits(Math.fma(d - w, TWO_POW_M64, ROUNDER));
    return (w >> 51) + (rounded << 13);
  }

  /**
   * Recombines the coefficients: value = sum((w_k mod 2^51) 2^(51k)) + sum(h_k 2^(51(k+1))) with
   * h_k = c_k >> 51 below 2^61.3, where the term h_4 * 2^255 folds back as 19 * h_4. One parallel
   * carry step, then the fold and a last carry from limb 0 into limb 1: every carry is below 2^10.3
   * and 19 * (h_4 >> 51) below 2^10.7, so all output limbs stay below 2^51 + 2^11.
   */
  private static void finish(
      long w0,
      long w1,
      long w2,
      long w3,
      long w4,
      double d0,
      double d1,
      double d2,
      double d3,
      double d4,
      long[] z) {
    long h0 = high(w0, d0), h1 = high(w1, d1), h2 = high(w2, d2), h3 = high(w3, d3);
    long h4 = high(w4, d4);
    long t1 = (w1 & M51) + h0;
    long t2 = (w2 & M51) + h1;
    long t3 = (w3 & M51) + h2;
    long t4 = (w4 & M51) + h3;
    long r0 = w0 & M51;
    long r1 = t1 & M51;
    long r2 = (t2 & M51) + (t1 >>> 51);
    long r3 = (t3 & M51) + (t2 >>> 51);
    long r4 = (t4 & M51) + (t3 >>> 51);
    long t5 = h4 + (t4 >>> 51);
    r0 += 19 * (t5 & M51);
    r1 += 19 * (t5 >>> 51) + (r0 >>> 51);
    z[0] = r0 & M51;
    z[1] = r1;
    z[2] = r2;
    z[3] = r3;
    z[4] = r4;
  }
}
