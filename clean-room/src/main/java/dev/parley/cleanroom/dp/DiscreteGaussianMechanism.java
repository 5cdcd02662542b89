package dev.parley.cleanroom.dp;

import java.security.SecureRandom;

/**
 * The discrete Gaussian mechanism for integer-valued queries: releases f(D) + Z with Z ~ N_Z(0,
 * σ²), which satisfies ρ-zero-concentrated differential privacy with ρ = Δ²/(2σ²) when |f(D) −
 * f(D')| ≤ Δ for neighbouring D, D' (Canonne, Kamath &amp; Steinke, arXiv:2004.00010: adding N_Z(0,
 * σ²) to a query of sensitivity Δ "satisfies ½ε²-concentrated differential privacy for ε = Δ/σ",
 * exactly as the continuous Gaussian does).
 *
 * <p>ρ converts to (ε, δ)-DP by ε = ρ + 2√(ρ·ln(1/δ)) ({@link ZcdpConversion}). The mechanism does
 * not spend budget itself: the caller must first get a {@link SpendDecision.Spent} from {@link
 * BudgetAccountant#trySpend} for {@link #cost()}. Thread-safe.
 */
public final class DiscreteGaussianMechanism {
  private final long sensitivity;
  private final QueryCost.Zcdp cost;
  private final DiscreteGaussianSampler sampler;
  private final long halfWidth;

  private DiscreteGaussianMechanism(long sensitivity, Rational sigma2, SecureRandom random) {
    if (sensitivity < 1) {
      throw new IllegalArgumentException("sensitivity: must be at least 1, got " + sensitivity);
    }
    GaussianVariance variance = GaussianVariance.of(sigma2);
    Rational delta = Rational.of(sensitivity);
    // ρ = Δ²/(2σ²), validated to lie in (0, 20]
    this.cost = new QueryCost.Zcdp(delta.multiply(delta).divide(sigma2.multiply(Rational.of(2))));
    this.sensitivity = sensitivity;
    this.sampler = new DiscreteGaussianSampler(variance, random);
    this.halfWidth =
        ConfidenceIntervals.gaussianHalfWidth(variance, ConfidenceIntervals.NINETY_FIVE_PERCENT);
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
    return new DiscreteGaussianMechanism(sensitivity, sigma2, random);
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
    if (sensitivity < 1) {
      throw new IllegalArgumentException("sensitivity: must be at least 1, got " + sensitivity);
    }
    Rational delta = Rational.of(sensitivity);
    return new DiscreteGaussianMechanism(
        sensitivity, delta.multiply(delta).divide(rho.multiply(Rational.of(2))), random);
  }

  /**
   * Returns Δ.
   *
   * @return the sensitivity
   */
  public long sensitivity() {
    return sensitivity;
  }

  /**
   * Returns σ².
   *
   * @return the noise parameter
   */
  public GaussianVariance sigma2() {
    return sampler.sigma2();
  }

  /**
   * Returns what one release costs: ρ = Δ²/(2σ²).
   *
   * @return the cost to pass to {@link BudgetAccountant#trySpend}
   */
  public QueryCost cost() {
    return cost;
  }

  /**
   * Returns the half-width k of the 95% interval: the smallest k with Pr[|Z| ≤ k] ≥ 19/20.
   *
   * @return k
   */
  public long halfWidth95() {
    return halfWidth;
  }

  /**
   * Adds fresh noise to a true value.
   *
   * @param trueValue f(D)
   * @return the noisy value, σ² and the 95% interval around the noisy value
   * @throws ArithmeticException if the noisy value would overflow a long
   */
  public NoisyValue release(long trueValue) {
    long noisy = Math.addExact(trueValue, sampler.sample());
    return new NoisyValue(
        noisy,
        Mechanism.GAUSSIAN,
        sampler.sigma2().toRational(),
        ConfidenceInterval.around(noisy, halfWidth, ConfidenceIntervals.NINETY_FIVE_PERCENT));
  }
}
