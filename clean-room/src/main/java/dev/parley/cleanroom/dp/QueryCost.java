package dev.parley.cleanroom.dp;

import java.util.Objects;

/**
 * What one noisy release costs in privacy: ε of pure differential privacy or ρ of zero-concentrated
 * differential privacy (zCDP, Bun &amp; Steinke 2016).
 */
public sealed interface QueryCost {

  /**
   * Returns the mechanism that has this kind of cost.
   *
   * @return the mechanism
   */
  Mechanism mechanism();

  /**
   * Returns the amount: ε for Laplace, ρ for Gaussian.
   *
   * @return a positive rational
   */
  Rational amount();

  /**
   * Returns the cost of a release with this mechanism and amount.
   *
   * @param mechanism the mechanism
   * @param amount ε (Laplace) or ρ (Gaussian), positive
   * @return the cost
   */
  static QueryCost of(Mechanism mechanism, Rational amount) {
    return switch (mechanism) {
      case LAPLACE -> new PureEpsilon(amount);
      case GAUSSIAN -> new Zcdp(amount);
    };
  }

  /**
   * A pure ε-DP cost (discrete Laplace with scale Δ/ε).
   *
   * @param epsilon ε, positive and at most {@link PrivacyBudget#MAX_EPSILON}
   */
  record PureEpsilon(Rational epsilon) implements QueryCost {
    /**
     * Validates ε.
     *
     * @throws IllegalArgumentException if ε is not in (0, 20]
     */
    public PureEpsilon {
      Objects.requireNonNull(epsilon, "epsilon");
      if (epsilon.signum() <= 0 || epsilon.compareTo(PrivacyBudget.MAX_EPSILON) > 0) {
        throw new IllegalArgumentException("epsilon: must be in (0, 20], got " + epsilon);
      }
    }

    @Override
    public Mechanism mechanism() {
      return Mechanism.LAPLACE;
    }

    @Override
    public Rational amount() {
      return epsilon;
    }
  }

  /**
   * A ρ-zCDP cost (discrete Gaussian: ρ = Δ²/(2σ²)).
   *
   * @param rho ρ, positive and at most {@link PrivacyBudget#MAX_EPSILON}
   */
  record Zcdp(Rational rho) implements QueryCost {
    /**
     * Validates ρ.
     *
     * @throws IllegalArgumentException if ρ is not in (0, 20]
     */
    public Zcdp {
      Objects.requireNonNull(rho, "rho");
      if (rho.signum() <= 0 || rho.compareTo(PrivacyBudget.MAX_EPSILON) > 0) {
        throw new IllegalArgumentException("rho: must be in (0, 20], got " + rho);
      }
    }

    @Override
    public Mechanism mechanism() {
      return Mechanism.GAUSSIAN;
    }

    @Override
    public Rational amount() {
      return rho;
    }
  }
}
