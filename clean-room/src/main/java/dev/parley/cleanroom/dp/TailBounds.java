package dev.parley.cleanroom.dp;

import java.math.BigInteger;

/**
 * Certified upper bounds on the one-sided tail Pr[Z ≥ m] of Parley's noise distributions, as exact
 * rationals on the 2^−64 grid (rounded up).
 *
 * <p>They bound how likely noise pushes a count past a threshold. The query service uses them for
 * the chance that a group holding a single subject survives thresholding on its noisy count (the δ
 * of releasing data-dependent group keys; see {@code docs/privacy.md}).
 *
 * <ul>
 *   <li>Lap_Z(t) with q = e^{−1/t}: Pr[Z = x] = (1 − q)/(1 + q)·q^{|x|}, so for m ≥ 1 Pr[Z ≥ m] =
 *       q^m/(1 + q) ≤ q^m = e^{−m/t}.
 *   <li>N_Z(0, σ²) is subgaussian with parameter σ² (Canonne, Kamath &amp; Steinke,
 *       arXiv:2004.00010: E[e^{λZ}] ≤ e^{λ²σ²/2} for all real λ), so by Chernoff's bound Pr[Z ≥ m]
 *       ≤ e^{−m²/(2σ²)} for m ≥ 0. {@code TailBoundsTest} checks it against the summed PMF.
 * </ul>
 *
 * <p>Both use the outward-rounded bounds of {@link ExpBounds}; integers only.
 */
public final class TailBounds {
  private static final int PRECISION = 64;
  private static final BigInteger GRID = BigInteger.ONE.shiftLeft(PRECISION);

  private TailBounds() {}

  /**
   * Returns an upper bound on Pr[Z ≥ m] for Z ~ Lap_Z(t).
   *
   * @param scale t
   * @param m the threshold; for m ≤ 0 the bound is 1
   * @return a rational in (0, 1], at least the true tail
   */
  public static Rational laplaceAtLeast(LaplaceScale scale, long m) {
    if (m <= 0) {
      return Rational.ONE;
    }
    // m/t = m·den/num
    BigInteger num = BigInteger.valueOf(m).multiply(BigInteger.valueOf(scale.denominator()));
    return upper(ExpBounds.expNeg(num, BigInteger.valueOf(scale.numerator()), PRECISION).hi());
  }

  /**
   * Returns an upper bound on Pr[Z ≥ m] for Z ~ N_Z(0, σ²).
   *
   * @param sigma2 σ²
   * @param m the threshold; for m ≤ 0 the bound is 1
   * @return a rational in (0, 1], at least the true tail
   */
  public static Rational gaussianAtLeast(GaussianVariance sigma2, long m) {
    if (m <= 0) {
      return Rational.ONE;
    }
    // m²/(2σ²) = m²·b/(2a) for σ² = a/b
    BigInteger mm = BigInteger.valueOf(m).pow(2);
    BigInteger num = mm.multiply(BigInteger.valueOf(sigma2.denominator()));
    BigInteger den = BigInteger.valueOf(sigma2.numerator()).shiftLeft(1);
    return upper(ExpBounds.expNeg(num, den, PRECISION).hi());
  }

  private static Rational upper(BigInteger scaledHi) {
    BigInteger hi = scaledHi.max(BigInteger.ONE); // never claim a zero tail
    return hi.compareTo(GRID) >= 0 ? Rational.ONE : Rational.of(hi, GRID);
  }
}
