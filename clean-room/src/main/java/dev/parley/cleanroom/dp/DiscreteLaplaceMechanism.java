package dev.parley.cleanroom.dp;

import java.security.SecureRandom;

/**
 * The discrete Laplace mechanism for integer-valued queries (counts, sums of integers): releases
 * f(D) + Z with Z ~ Lap_Z(Δ/ε), which is ε-differentially private when |f(D) − f(D')| ≤ Δ for
 * neighbouring D, D'.
 *
 * <p>Why: Pr[Z = z]/Pr[Z = z'] = e^{(|z'| − |z|)/t} ≤ e^{|z − z'|/t} ≤ e^{Δ/t} = e^{ε} (Canonne,
 * Kamath &amp; Steinke, arXiv:2004.00010, §1 and their discrete Laplace analysis). The mechanism
 * does not spend budget itself: the caller must first get a {@link SpendDecision.Spent} from {@link
 * BudgetAccountant#trySpend} for {@link #cost()}. Thread-safe.
 */
public final class DiscreteLaplaceMechanism {
  private final long sensitivity;
  private final QueryCost.PureEpsilon cost;
  private final DiscreteLaplaceSampler sampler;
  private final long halfWidth;

  private DiscreteLaplaceMechanism(long sensitivity, Rational epsilon, SecureRandom random) {
    if (sensitivity < 1) {
      throw new IllegalArgumentException("sensitivity: must be at least 1, got " + sensitivity);
    }
    QueryCost.PureEpsilon validCost = new QueryCost.PureEpsilon(epsilon); // ε ∈ (0, 20]
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
    this.sensitivity = sensitivity;
    this.cost = validCost;
    this.sampler = new DiscreteLaplaceSampler(t, random);
    this.halfWidth =
        ConfidenceIntervals.laplaceHalfWidth(t, ConfidenceIntervals.NINETY_FIVE_PERCENT);
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
    return new DiscreteLaplaceMechanism(sensitivity, epsilon, random);
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
   * Returns the noise scale t = Δ/ε.
   *
   * @return the scale
   */
  public LaplaceScale scale() {
    return sampler.scale();
  }

  /**
   * Returns what one release costs: ε.
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
   * @return the noisy value, the scale and the 95% interval around the noisy value
   * @throws ArithmeticException if the noisy value would overflow a long
   */
  public NoisyValue release(long trueValue) {
    long noisy = Math.addExact(trueValue, sampler.sample());
    return new NoisyValue(
        noisy,
        Mechanism.LAPLACE,
        sampler.scale().toRational(),
        ConfidenceInterval.around(noisy, halfWidth, ConfidenceIntervals.NINETY_FIVE_PERCENT));
  }
}
