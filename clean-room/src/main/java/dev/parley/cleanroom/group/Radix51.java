package dev.parley.cleanroom.group;

/**
 * The multiplication and squaring kernels of {@link Field25519} in radix 2^51.
 *
 * <p>Coefficient k of a product collects a_i*b_j with i+j = k plus 19*a_i*b_j with i+j = k+5, since
 * 2^255 = 19 mod p. A product of two limbs needs up to 107 bits: {@link Math#multiplyHigh} gives
 * the upper 64, and each product is split at once into its low 51 bits ("lo") and the rest ("hi"),
 * so sums of five products never overflow a signed long. Bounds for limbs in [0, 2^51]: a product
 * with a factor 19*b_j is below 2^106.3, each hi below 2^55.3, each sum of five lo below 2^54 and
 * of five hi below 2^57.7. Straight-line code: constant-time.
 */
final class Radix51 {
  private static final long M51 = (1L << 51) - 1;

  private Radix51() {}

  /** z = a * b for limbs in [0, 2^51]; output limbs in [0, 2^51]. */
  static void mul(long[] a, long[] b, long[] z) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long b1x = 19 * b1, b2x = 19 * b2, b3x = 19 * b3, b4x = 19 * b4;
    long p;
    long lo0, lo1, lo2, lo3, lo4;
    long hi0, hi1, hi2, hi3, hi4;

    // Coefficient k collects a_i*b_j with i+j = k, plus 19*a_i*b_j with i+j = k+5.
    // Each 128-bit product is split into its low 51 bits (lo) and the rest (hi).
    p = a0 * b0;
    lo0 = p & M51;
    hi0 = (Math.multiplyHigh(a0, b0) << 13) | (p >>> 51);
    p = a1 * b4x;
    lo0 += p & M51;
    hi0 += (Math.multiplyHigh(a1, b4x) << 13) | (p >>> 51);
    p = a2 * b3x;
    lo0 += p & M51;
    hi0 += (Math.multiplyHigh(a2, b3x) << 13) | (p >>> 51);
    p = a3 * b2x;
    lo0 += p & M51;
    hi0 += (Math.multiplyHigh(a3, b2x) << 13) | (p >>> 51);
    p = a4 * b1x;
    lo0 += p & M51;
    hi0 += (Math.multiplyHigh(a4, b1x) << 13) | (p >>> 51);

    p = a0 * b1;
    lo1 = p & M51;
    hi1 = (Math.multiplyHigh(a0, b1) << 13) | (p >>> 51);
    p = a1 * b0;
    lo1 += p & M51;
    hi1 += (Math.multiplyHigh(a1, b0) << 13) | (p >>> 51);
    p = a2 * b4x;
    lo1 += p & M51;
    hi1 += (Math.multiplyHigh(a2, b4x) << 13) | (p >>> 51);
    p = a3 * b3x;
    lo1 += p & M51;
    hi1 += (Math.multiplyHigh(a3, b3x) << 13) | (p >>> 51);
    p = a4 * b2x;
    lo1 += p & M51;
    hi1 += (Math.multiplyHigh(a4, b2x) << 13) | (p >>> 51);

    p = a0 * b2;
    lo2 = p & M51;
    hi2 = (Math.multiplyHigh(a0, b2) << 13) | (p >>> 51);
    p = a1 * b1;
    lo2 += p & M51;
    hi2 += (Math.multiplyHigh(a1, b1) << 13) | (p >>> 51);
    p = a2 * b0;
    lo2 += p & M51;
    hi2 += (Math.multiplyHigh(a2, b0) << 13) | (p >>> 51);
    p = a3 * b4x;
    lo2 += p & M51;
    hi2 += (Math.multiplyHigh(a3, b4x) << 13) | (p >>> 51);
    p = a4 * b3x;
    lo2 += p & M51;
    hi2 += (Math.multiplyHigh(a4, b3x) << 13) | (p >>> 51);

    p = a0 * b3;
    lo3 = p & M51;
    hi3 = (Math.multiplyHigh(a0, b3) << 13) | (p >>> 51);
    p = a1 * b2;
    lo3 += p & M51;
    hi3 += (Math.multiplyHigh(a1, b2) << 13) | (p >>> 51);
    p = a2 * b1;
    lo3 += p & M51;
    hi3 += (Math.multiplyHigh(a2, b1) << 13) | (p >>> 51);
    p = a3 * b0;
    lo3 += p & M51;
    hi3 += (Math.multiplyHigh(a3, b0) << 13) | (p >>> 51);
    p = a4 * b4x;
    lo3 += p & M51;
    hi3 += (Math.multiplyHigh(a4, b4x) << 13) | (p >>> 51);

    p = a0 * b4;
    lo4 = p & M51;
    hi4 = (Math.multiplyHigh(a0, b4) << 13) | (p >>> 51);
    p = a1 * b3;
    lo4 += p & M51;
    hi4 += (Math.multiplyHigh(a1, b3) << 13) | (p >>> 51);
    p = a2 * b2;
    lo4 += p & M51;
    hi4 += (Math.multiplyHigh(a2, b2) << 13) | (p >>> 51);
    p = a3 * b1;
    lo4 += p & M51;
    hi4 += (Math.multiplyHigh(a3, b1) << 13) | (p >>> 51);
    p = a4 * b0;
    lo4 += p & M51;
    hi4 += (Math.multiplyHigh(a4, b0) << 13) | (p >>> 51);

    finish(lo0, lo1, lo2, lo3, lo4, hi0, hi1, hi2, hi3, hi4, z);
  }

  /** z = a^2 for limbs in [0, 2^51]; output limbs in [0, 2^51]. */
  static void sqr(long[] a, long[] z) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3;
    long a3x = 19 * a3, a4x = 19 * a4;
    long p;
    long lo0, lo1, lo2, lo3, lo4;
    long hi0, hi1, hi2, hi3, hi4;

    // c0 = a0^2 + 2*19*(a1*a4 + a2*a3)
    p = a0 * a0;
    lo0 = p & M51;
    hi0 = (Math.multiplyHigh(a0, a0) << 13) | (p >>> 51);
    p = d1 * a4x;
    lo0 += p & M51;
    hi0 += (Math.multiplyHigh(d1, a4x) << 13) | (p >>> 51);
    p = d2 * a3x;
    lo0 += p & M51;
    hi0 += (Math.multiplyHigh(d2, a3x) << 13) | (p >>> 51);

    // c1 = 2*a0*a1 + 19*(2*a2*a4 + a3^2)
    p = d0 * a1;
    lo1 = p & M51;
    hi1 = (Math.multiplyHigh(d0, a1) << 13) | (p >>> 51);
    p = d2 * a4x;
    lo1 += p & M51;
    hi1 += (Math.multiplyHigh(d2, a4x) << 13) | (p >>> 51);
    p = a3 * a3x;
    lo1 += p & M51;
    hi1 += (Math.multiplyHigh(a3, a3x) << 13) | (p >>> 51);

    // c2 = 2*a0*a2 + a1^2 + 2*19*a3*a4
    p = d0 * a2;
    lo2 = p & M51;
    hi2 = (Math.multiplyHigh(d0, a2) << 13) | (p >>> 51);
    p = a1 * a1;
    lo2 += p & M51;
    hi2 += (Math.multiplyHigh(a1, a1) << 13) | (p >>> 51);
    p = d3 * a4x;
    lo2 += p & M51;
    hi2 += (Math.multiplyHigh(d3, a4x) << 13) | (p >>> 51);

    // c3 = 2*a0*a3 + 2*a1*a2 + 19*a4^2
    p = d0 * a3;
    lo3 = p & M51;
    hi3 = (Math.multiplyHigh(d0, a3) << 13) | (p >>> 51);
    p = d1 * a2;
    lo3 += p & M51;
    hi3 += (Math.multiplyHigh(d1, a2) << 13) | (p >>> 51);
    p = a4 * a4x;
    lo3 += p & M51;
    hi3 += (Math.multiplyHigh(a4, a4x) << 13) | (p >>> 51);

    // c4 = 2*a0*a4 + 2*a1*a3 + a2^2
    p = d0 * a4;
    lo4 = p & M51;
    hi4 = (Math.multiplyHigh(d0, a4) << 13) | (p >>> 51);
    p = d1 * a3;
    lo4 += p & M51;
    hi4 += (Math.multiplyHigh(d1, a3) << 13) | (p >>> 51);
    p = a2 * a2;
    lo4 += p & M51;
    hi4 += (Math.multiplyHigh(a2, a2) << 13) | (p >>> 51);

    finish(lo0, lo1, lo2, lo3, lo4, hi0, hi1, hi2, hi3, hi4, z);
  }

  /**
   * Recombines split coefficients: value = sum(lo_k 2^(51k)) + sum(hi_k 2^(51(k+1))), where the
   * term hi_4 * 2^255 folds back as 19 * hi_4 (2^255 = 19 mod p). Inputs: lo_k < 2^54, hi_k < 2^61.
   */
  private static void finish(
      long lo0,
      long lo1,
      long lo2,
      long lo3,
      long lo4,
      long hi0,
      long hi1,
      long hi2,
      long hi3,
      long hi4,
      long[] z) {
    long t0 = lo0;
    long t1 = lo1 + hi0;
    long t2 = lo2 + hi1;
    long t3 = lo3 + hi2;
    long t4 = lo4 + hi3;
    long t5 = hi4;
    long c;
    c = t0 >>> 51;
    t0 &= M51;
    t1 += c;
    c = t1 >>> 51;
    t1 &= M51;
    t2 += c;
    c = t2 >>> 51;
    t2 &= M51;
    t3 += c;
    c = t3 >>> 51;
    t3 &= M51;
    t4 += c;
    c = t4 >>> 51;
    t4 &= M51;
    t5 += c;
    // t5 < 2^62: fold its low 51 bits into limb 0 and the rest into limb 1, each times 19.
    t0 += 19 * (t5 & M51);
    t1 += 19 * (t5 >>> 51);
    c = t0 >>> 51;
    t0 &= M51;
    t1 += c;
    c = t1 >>> 51;
    t1 &= M51;
    t2 += c;
    z[0] = t0;
    z[1] = t1;
    z[2] = t2;
    z[3] = t3;
    z[4] = t4;
  }
}
