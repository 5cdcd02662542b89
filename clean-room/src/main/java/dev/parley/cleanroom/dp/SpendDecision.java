package dev.parley.cleanroom.dp;

import java.util.Objects;

/** The answer of {@link BudgetAccountant#trySpend}: the budget was spent, or nothing happened. */
public sealed interface SpendDecision {

  /**
   * Returns the ε left in the period after this decision.
   *
   * @return the remaining ε
   */
  Rational remaining();

  /**
   * The budget was spent; the query may now run and release its result.
   *
   * @param record the spend, to be written to the ledger with the release
   * @param release the {@code privacy} object of the ledger's {@code query.released} entry
   * @param remaining ε left in the period after this spend
   */
  record Spent(SpendRecord record, PrivacyRelease release, Rational remaining)
      implements SpendDecision {
    /** Checks that no component is null. */
    public Spent {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(release, "release");
      Objects.requireNonNull(remaining, "remaining");
    }
  }

  /**
   * The query would exceed the budget (or cannot be accounted); nothing was spent and the query
   * must not run.
   *
   * @param reason why, for the requester
   * @param remaining ε left in the period, unchanged
   */
  record Refused(String reason, Rational remaining) implements SpendDecision {
    /** Checks that no component is null. */
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(remaining, "remaining");
    }
  }
}
