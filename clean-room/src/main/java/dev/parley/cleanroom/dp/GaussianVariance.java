package dev.parley.cleanroom.dp;

import java.math.BigInteger;

/**
 * The parameter σ² = numerator/denominator of a discrete Gaussian distribution N_Z(0, σ²), whose
 * PMF is Pr[X = x] = e^{−x²/(2σ²)} / Σ_{y∈Z} e^{−y²/(2σ²)} for every integer x.
 *
 * <p>Both parts are bounded by {@link LaplaceScale#MAX_PART} (2^30 − 1): with σ² = a/b and t = ⌊σ⌋
 * + 1 the sampler's denominator 2·a·b·t² is then below 2·(a² + 2a√(ab) + ab) &lt; 2^63 (see {@link
 * DiscreteGaussianSampler}). σ² itself is a variance parameter; the discrete distribution's actual
 * variance is slightly below it.
 *
 * @param numerator σ²'s numerator, 1 to 2^30 − 1
 * @param denominator σ²'s denominator, 1 to 2^30 − 1
 */
public record GaussianVariance(long numerator, long denominator) {

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if a part is outside [1, 2^30 − 1] or the fraction is not in
   *     lowest terms
   */
  public GaussianVariance {
    LaplaceScale.checkPart("sigma2 numerator", numerator);
    LaplaceScale.checkPart("sigma2 denominator", denominator);
    if (LaplaceScale.gcd(numerator, denominator) != 1) {
      throw new IllegalArgumentException(
          "sigma2: not in lowest terms: " + numerator + "/" + denominator);
    }
  }

  /**
   * Returns σ² as a discrete Gaussian parameter.
   *
   * @param sigma2 a positive rational whose parts (in lowest terms) are at most 2^30 − 1
   * @return the parameter
   * @throws IllegalArgumentException if σ² is not positive or too large/too finely divided
   */
  public static GaussianVariance of(Rational sigma2) {
    if (sigma2.signum() <= 0) {
      throw new IllegalArgumentException("sigma2: must be positive, got " + sigma2);
    }
    if (sigma2.numerator().bitLength() > 30 || sigma2.denominator().bitLength() > 30) {
      throw new IllegalArgumentException(
          "sigma2: numerator and denominator must be at most "
              + LaplaceScale.MAX_PART
              + ", got "
              + sigma2);
    }
    return new GaussianVariance(
        sigma2.numerator().longValueExact(), sigma2.denominator().longValueExact());
  }

  /**
   * Returns σ² as a rational.
   *
   * @return numerator/denominator
   */
  public Rational toRational() {
    return Rational.of(numerator, denominator);
  }

  /**
   * Returns ⌊σ⌋ = ⌊√(numerator/denominator)⌋, computed with integers only.
   *
   * @return the integer part of σ
   */
  public long floorSigma() {
    long q = numerator / denominator; // ⌊√x⌋ = ⌊√⌊x⌋⌋ for x ≥ 0
    return BigInteger.valueOf(q).sqrt().longValueExact();
  }

  @Override
  public String toString() {
    return "GaussianVariance[" + toRational() + "]";
  }
}
