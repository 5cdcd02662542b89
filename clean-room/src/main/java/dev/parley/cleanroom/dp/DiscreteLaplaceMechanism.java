package dev.parley.cleanroom.dp;

import java.security.SecureRandom;

/**
 * The discrete Laplace mechanism for integer-valued queries (counts, sums of integers): releases
 * f(D) + Z with Z ~ Lap_Z(Δ/ε), which is ε-differentially private when |f(D) − f(D')| ≤ Δ for
 * neighbouring D, D'.
 *
 * <p>Why: Pr[Z = z]/Pr[Z = z'] = e^{(|z'| − |z|)/t} ≤ e^{|z − z'|/t} ≤ e^{Δ/t} = e^{ε} (Canonne,
 * Kamath &amp; Steinke, arXiv:2004.00010, §1 and their discrete Laplace analysis). One release
 * costs ε. Thread-safe.
 */
public final class DiscreteLaplaceMechanism extends IntegerMechanism {
  private final DiscreteLaplaceSampler sampler;

  private DiscreteLaplaceMechanism(
      long sensitivity, QueryCost.PureEpsilon cost, LaplaceScale t, SecureRandom random) {
    super(
        sensitivity,
        cost,
        Mechanism.LAPLACE,
        ConfidenceIntervals.laplaceHalfWidth(t, ConfidenceIntervals.NINETY_FIVE_PERCENT));
    this.sampler = new DiscreteLaplaceSampler(t, random);
  }

  private static LaplaceScale scaleFor(long sensitivity, Rational epsilon) {
    Rational scale = Rational.of(sensitivity).divide(epsilon);
    LaplaceScale t;
    try {
      t = LaplaceScale.of(scale);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "sensitivity/epsilon = "
              + sensitivity
              + "/("
              + epsilon
              + ") = "
              + scale
              + ": "
              + e.getMessage(),
          e);
    }
    return t;
  }

  /**
   * Creates the mechanism with scale t = Δ/ε.
   *
   * @param sensitivity Δ ≥ 1, the most one subject can change the true value
   * @param epsilon ε in (0, 20]
   * @param random the only source of randomness
   * @return the mechanism
   * @throws IllegalArgumentException if Δ or ε is out of range, or Δ/ε has a part above 2^30 − 1
   */
  public static DiscreteLaplaceMechanism create(
      long sensitivity, Rational epsilon, SecureRandom random) {
    checkSensitivity(sensitivity);
    QueryCost.PureEpsilon cost = new QueryCost.PureEpsilon(epsilon); // ε ∈ (0, 20]
    return new DiscreteLaplaceMechanism(sensitivity, cost, scaleFor(sensitivity, epsilon), random);
  }

  /**
   * Returns the noise scale t = Δ/ε.
   *
   * @return the scale
   */
  public LaplaceScale scale() {
    return sampler.scale();
  }

  @Override
  long sampleNoise() {
    return sampler.sample();
  }

  @Override
  Rational noiseParameter() {
    return sampler.scale().toRational();
  }
}
