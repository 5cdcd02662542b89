package dev.parley.cleanroom.dp;

import java.util.Objects;

/**
 * An additive noise mechanism for integer-valued queries: releases f(D) + Z for fresh noise Z from
 * an exact integer sampler, with the cost one release charges and the exact 95% interval.
 *
 * <p>A mechanism never spends budget itself: the caller must first get a {@link
 * SpendDecision.Spent} from {@link BudgetAccountant#trySpend} for {@link #cost()}. Thread-safe as
 * long as the subclass's sampler is.
 */
public abstract sealed class IntegerMechanism
    permits DiscreteLaplaceMechanism, DiscreteGaussianMechanism {
  private final long sensitivity;
  private final QueryCost cost;
  private final Mechanism kind;
  private final long halfWidth;

  IntegerMechanism(long sensitivity, QueryCost cost, Mechanism kind, long halfWidth) {
    this.sensitivity = checkSensitivity(sensitivity);
    this.cost = Objects.requireNonNull(cost, "cost");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.halfWidth = halfWidth;
  }

  /**
   * Checks Δ ≥ 1.
   *
   * @param sensitivity Δ
   * @return Δ
   * @throws IllegalArgumentException if Δ &lt; 1
   */
  static long checkSensitivity(long sensitivity) {
    if (sensitivity < 1) {
      throw new IllegalArgumentException("sensitivity: must be at least 1, got " + sensitivity);
    }
    return sensitivity;
  }

  /** Draws one fresh noise value Z. */
  abstract long sampleNoise();

  /** The noise parameter reported with each release (the Laplace scale t, or σ²). */
  abstract Rational noiseParameter();

  /**
   * Returns Δ, the most one subject can change the true value.
   *
   * @return the sensitivity
   */
  public final long sensitivity() {
    return sensitivity;
  }

  /**
   * Returns what one release costs (ε for Laplace, ρ for Gaussian).
   *
   * @return the cost to pass to {@link BudgetAccountant#trySpend}
   */
  public final QueryCost cost() {
    return cost;
  }

  /**
   * Returns the half-width k of the 95% interval: the smallest k with Pr[|Z| ≤ k] ≥ 19/20.
   *
   * @return k
   */
  public final long halfWidth95() {
    return halfWidth;
  }

  /**
   * Adds fresh noise to a true value.
   *
   * @param trueValue f(D)
   * @return the noisy value, the noise parameter and the 95% interval around the noisy value
   * @throws ArithmeticException if the noisy value would overflow a long
   */
  public final NoisyValue release(long trueValue) {
    long noisy = Math.addExact(trueValue, sampleNoise());
    return new NoisyValue(
        noisy,
        kind,
        noiseParameter(),
        ConfidenceInterval.around(noisy, halfWidth, ConfidenceIntervals.NINETY_FIVE_PERCENT));
  }
}
