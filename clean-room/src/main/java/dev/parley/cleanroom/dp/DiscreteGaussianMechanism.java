package dev.parley.cleanroom.dp;

import java.security.SecureRandom;

/**
 * The discrete Gaussian mechanism for integer-valued queries: releases f(D) + Z with Z ~ N_Z(0,
 * σ²), which satisfies ρ-zero-concentrated differential privacy with ρ = Δ²/(2σ²) when |f(D) −
 * f(D')| ≤ Δ for neighbouring D, D' (Canonne, Kamath &amp; Steinke, arXiv:2004.00010: adding N_Z(0,
 * σ²) to a query of sensitivity Δ "satisfies ½ε²-concentrated differential privacy for ε = Δ/σ",
 * exactly as the continuous Gaussian does).
 *
 * <p>ρ converts to (ε, δ)-DP by ε = ρ + 2√(ρ·ln(1/δ)) ({@link ZcdpConversion}). One release costs ρ
 * = Δ²/(2σ²). Thread-safe.
 */
public final class DiscreteGaussianMechanism extends IntegerMechanism {
  private final DiscreteGaussianSampler sampler;

  private DiscreteGaussianMechanism(
      long sensitivity, QueryCost.Zcdp cost, GaussianVariance variance, SecureRandom random) {
    super(
        sensitivity,
        cost,
        Mechanism.GAUSSIAN,
        ConfidenceIntervals.gaussianHalfWidth(variance, ConfidenceIntervals.NINETY_FIVE_PERCENT));
    this.sampler = new DiscreteGaussianSampler(variance, random);
  }

  private static DiscreteGaussianMechanism of(
      long sensitivity, Rational sigma2, SecureRandom random) {
    GaussianVariance variance = GaussianVariance.of(sigma2);
    Rational delta = Rational.of(checkSensitivity(sensitivity));
    // ρ = Δ²/(2σ²), validated to lie in (0, 20]
    QueryCost.Zcdp cost =
        new QueryCost.Zcdp(delta.multiply(delta).divide(sigma2.multiply(Rational.of(2))));
    return new DiscreteGaussianMechanism(sensitivity, cost, variance, random);
  }

  /**
   * Creates the mechanism for a given σ²; it costs ρ = Δ²/(2σ²).
   *
   * @param sensitivity Δ ≥ 1
   * @param sigma2 σ² &gt; 0 with parts at most 2^30 − 1
   * @param random the only source of randomness
   * @return the mechanism
   * @throws IllegalArgumentException if a parameter is out of range or ρ exceeds 20
   */
  public static DiscreteGaussianMechanism withVariance(
      long sensitivity, Rational sigma2, SecureRandom random) {
    return of(sensitivity, sigma2, random);
  }

  /**
   * Creates the mechanism for a given ρ, with σ² = Δ²/(2ρ).
   *
   * @param sensitivity Δ ≥ 1
   * @param rho ρ in (0, 20]
   * @param random the only source of randomness
   * @return the mechanism
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static DiscreteGaussianMechanism withRho(
      long sensitivity, Rational rho, SecureRandom random) {
    if (rho.signum() <= 0) {
      throw new IllegalArgumentException("rho: must be in (0, 20], got " + rho);
    }
    Rational delta = Rational.of(checkSensitivity(sensitivity));
    return of(sensitivity, delta.multiply(delta).divide(rho.multiply(Rational.of(2))), random);
  }

  /**
   * Returns σ².
   *
   * @return the noise parameter
   */
  public GaussianVariance sigma2() {
    return sampler.sigma2();
  }

  @Override
  long sampleNoise() {
    return sampler.sample();
  }

  @Override
  Rational noiseParameter() {
    return sampler.sigma2().toRational();
  }
}
