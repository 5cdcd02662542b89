package dev.parley.cleanroom.dp;

import java.time.YearMonth;
import java.util.Optional;

/**
 * What one budget period has spent so far: the summed pure ε and the summed ρ. Shared by {@link
 * BudgetAccountant} and {@link BudgetReplay} so that both compose spends by the same rule.
 *
 * <p>Composition: pure ε-DP spends add up (basic composition); ρ-zCDP spends add up (zCDP composes
 * additively, Bun &amp; Steinke 2016); the two parts are then combined by basic composition of (ε₁,
 * 0)-DP and (ε(δ), δ)-DP, so the period has spent ε₁ + ε(δ) with ε(δ) from {@link ZcdpConversion}.
 *
 * @param period the budget period (empty when the budget never renews)
 * @param pureEpsilon the summed ε of Laplace spends
 * @param rho the summed ρ of Gaussian spends
 */
record BudgetState(Optional<YearMonth> period, Rational pureEpsilon, Rational rho) {

  static BudgetState start(Optional<YearMonth> period) {
    return new BudgetState(period, Rational.ZERO, Rational.ZERO);
  }

  /** The state for a period: this one if it is the same period, otherwise a fresh one. */
  BudgetState rollTo(Optional<YearMonth> newPeriod) {
    return newPeriod.equals(period) ? this : start(newPeriod);
  }

  BudgetState plus(QueryCost cost) {
    return switch (cost) {
      case QueryCost.PureEpsilon p -> new BudgetState(period, pureEpsilon.add(p.epsilon()), rho);
      case QueryCost.Zcdp z -> new BudgetState(period, pureEpsilon, rho.add(z.rho()));
    };
  }

  /** The ε this period has spent; needs a conversion once any ρ was spent. */
  Rational spentEpsilon(Optional<ZcdpConversion> conversion) {
    if (rho.signum() == 0) {
      return pureEpsilon;
    }
    return pureEpsilon.add(
        conversion
            .orElseThrow(() -> new IllegalStateException("gaussian spend without delta"))
            .epsilonUpperBound(rho));
  }
}
