package dev.parley.cleanroom.dp;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * The privacy facts of one release, as the {@code privacy} object of the ledger's {@code
 * query.released} entry records them ({@link PrivacyJson} reads and writes that form).
 *
 * @param mechanism the mechanism
 * @param amount ε (Laplace) or ρ (Gaussian) charged, positive
 * @param delta the δ used to convert ρ to ε; present exactly for Gaussian
 * @param budget the period's total ε, in [1, 20]
 * @param spentBefore ε the period had spent before this release, ≥ 0
 * @param refresh the budget's refresh policy
 * @param period the UTC month charged; present exactly for {@link RefreshPolicy#CALENDAR_MONTHLY}
 */
public record PrivacyRelease(
    Mechanism mechanism,
    Rational amount,
    Optional<Rational> delta,
    Rational budget,
    Rational spentBefore,
    RefreshPolicy refresh,
    Optional<YearMonth> period) {

  /**
   * Validates the combination.
   *
   * @throws IllegalArgumentException naming the field that is out of range, missing or not allowed
   */
  public PrivacyRelease {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(spentBefore, "spentBefore");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(period, "period");
    QueryCost.of(mechanism, amount); // validates the amount
    if (mechanism == Mechanism.GAUSSIAN && delta.isEmpty()) {
      throw new IllegalArgumentException("delta: required for mechanism gaussian");
    }
    if (mechanism == Mechanism.LAPLACE && delta.isPresent()) {
      throw new IllegalArgumentException("delta: not allowed for mechanism laplace");
    }
    delta.ifPresent(ZcdpConversion::checkDelta);
    if (budget.compareTo(PrivacyBudget.MIN_EPSILON) < 0
        || budget.compareTo(PrivacyBudget.MAX_EPSILON) > 0) {
      throw new IllegalArgumentException("budget: must be in [1, 20], got " + budget);
    }
    if (spentBefore.signum() < 0) {
      throw new IllegalArgumentException("spentBefore: must be at least 0, got " + spentBefore);
    }
    if ((refresh == RefreshPolicy.CALENDAR_MONTHLY) != period.isPresent()) {
      throw new IllegalArgumentException(
          "period: "
              + (period.isPresent() ? "not allowed" : "required")
              + " with refresh "
              + refresh.wireName());
    }
  }
}
