package dev.parley.cleanroom.dp;

import java.util.Objects;
import java.util.Optional;

/**
 * A collaboration's differential-privacy budget: the total ε a period may spend, what one query
 * costs by default, the δ used to express zCDP spends as ε, and when the budget renews.
 *
 * <p>The total is bounded to [1, 20], the range AWS Clean Rooms Differential Privacy accepts for a
 * privacy budget. The spent ε of a period is the sum of the pure-ε (Laplace) costs plus the
 * zCDP-to-DP conversion of the summed ρ (Gaussian) costs ({@link BudgetAccountant}).
 *
 * @param totalEpsilon ε available per period, in [1, 20]
 * @param perQueryCost what one query costs by default; must fit in the total
 * @param delta δ for converting ρ to ε; required when any Gaussian query is to run
 * @param refresh when the budget renews
 */
public record PrivacyBudget(
    Rational totalEpsilon,
    QueryCost perQueryCost,
    Optional<Rational> delta,
    RefreshPolicy refresh) {

  /** The smallest total ε: 1. */
  public static final Rational MIN_EPSILON = Rational.ONE;

  /** The largest total ε (and the largest single cost): 20. */
  public static final Rational MAX_EPSILON = Rational.of(20);

  /**
   * Validates the budget.
   *
   * @throws IllegalArgumentException naming the field if a value is out of range, a Gaussian
   *     per-query cost comes without δ, or one query alone would exceed the total
   */
  public PrivacyBudget {
    Objects.requireNonNull(totalEpsilon, "totalEpsilon");
    Objects.requireNonNull(perQueryCost, "perQueryCost");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(refresh, "refresh");
    if (totalEpsilon.compareTo(MIN_EPSILON) < 0 || totalEpsilon.compareTo(MAX_EPSILON) > 0) {
      throw new IllegalArgumentException("totalEpsilon: must be in [1, 20], got " + totalEpsilon);
    }
    delta.ifPresent(ZcdpConversion::checkDelta);
    Rational perQueryEpsilon =
        switch (perQueryCost) {
          case QueryCost.PureEpsilon p -> p.epsilon();
          case QueryCost.Zcdp z ->
              ZcdpConversion.forDelta(
                      delta.orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "delta: required when perQueryCost is gaussian (zCDP)")))
                  .epsilonUpperBound(z.rho());
        };
    if (perQueryEpsilon.compareTo(totalEpsilon) > 0) {
      throw new IllegalArgumentException(
          "perQueryCost: one query costs ε "
              + perQueryEpsilon
              + ", more than totalEpsilon "
              + totalEpsilon);
    }
  }

  /**
   * Returns a builder; totalEpsilon, perQueryCost and refresh are required.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a budget's fields; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private Rational totalEpsilon;
    private QueryCost perQueryCost;
    private Rational delta;
    private RefreshPolicy refresh;

    private Builder() {}

    /**
     * Sets the total ε per period.
     *
     * @param value ε in [1, 20]
     * @return this builder
     */
    public Builder totalEpsilon(Rational value) {
      this.totalEpsilon = value;
      return this;
    }

    /**
     * Sets the default cost of one query.
     *
     * @param value the cost
     * @return this builder
     */
    public Builder perQueryCost(QueryCost value) {
      this.perQueryCost = value;
      return this;
    }

    /**
     * Sets δ for zCDP conversion.
     *
     * @param value δ in (0, 1)
     * @return this builder
     */
    public Builder delta(Rational value) {
      this.delta = value;
      return this;
    }

    /**
     * Sets the refresh policy.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder refresh(RefreshPolicy value) {
      this.refresh = value;
      return this;
    }

    /**
     * Returns the validated budget.
     *
     * @return the budget
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    public PrivacyBudget build() {
      if (totalEpsilon == null) {
        throw new IllegalArgumentException("totalEpsilon: required");
      }
      if (perQueryCost == null) {
        throw new IllegalArgumentException("perQueryCost: required");
      }
      if (refresh == null) {
        throw new IllegalArgumentException("refresh: required");
      }
      return new PrivacyBudget(totalEpsilon, perQueryCost, Optional.ofNullable(delta), refresh);
    }
  }
}
