package dev.parley.cleanroom.dp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recomputes a collaboration's budget from its ordered spend records, as an auditor would from the
 * ledger: the remaining ε as of a given time and the first spend that overspent its period.
 *
 * <p>It applies exactly the composition of {@link BudgetAccountant} ({@link BudgetState}), so a
 * replay of an accountant's records equals the accountant's own remaining budget; a spend the
 * accountant would have refused shows up as an {@link ReplayReport.Overspend}.
 */
public final class BudgetReplay {
  private BudgetReplay() {}

  /**
   * Replays spend records.
   *
   * @param collaborationId the collaboration every record must belong to
   * @param budget its budget
   * @param records the spends in ledger order (times must not decrease)
   * @param asOf the time to report the remaining budget for; not before the last record
   * @return the spent and remaining ε as of {@code asOf} and the first overspend, if any
   * @throws IllegalArgumentException naming the record index if a record is for another
   *     collaboration, out of time order, after {@code asOf}, or Gaussian while the budget has no δ
   */
  public static ReplayReport replay(
      String collaborationId, PrivacyBudget budget, List<SpendRecord> records, Instant asOf) {
    Optional<ZcdpConversion> conversion = budget.delta().map(ZcdpConversion::forDelta);
    Outcome o = run(collaborationId, budget, conversion, records, asOf);
    Rational spent = o.state().spentEpsilon(conversion);
    return new ReplayReport(
        records.size(), spent, budget.totalEpsilon().subtract(spent), o.firstOverspend());
  }

  /**
   * Returns, for each record, the ε its budget period had spent before it: the value the accountant
   * wrote as {@code spentBefore} in that release's {@link PrivacyRelease}. An auditor compares the
   * two to check that every ledger entry tells the truth about the budget.
   *
   * @param collaborationId the collaboration every record must belong to
   * @param budget its budget
   * @param records the spends in ledger order (times must not decrease)
   * @param asOf a time not before the last record
   * @return one value per record, in order
   * @throws IllegalArgumentException as {@link #replay} does
   */
  public static List<Rational> spentBeforeEach(
      String collaborationId, PrivacyBudget budget, List<SpendRecord> records, Instant asOf) {
    Optional<ZcdpConversion> conversion = budget.delta().map(ZcdpConversion::forDelta);
    List<Rational> before = new ArrayList<>(records.size());
    run(collaborationId, budget, conversion, records, asOf, before::add);
    return List.copyOf(before);
  }

  /** The period state as of {@code asOf} and the first overspend. */
  record Outcome(BudgetState state, Optional<ReplayReport.Overspend> firstOverspend) {}

  static Outcome run(
      String collaborationId,
      PrivacyBudget budget,
      Optional<ZcdpConversion> conversion,
      List<SpendRecord> records,
      Instant asOf) {
    return run(collaborationId, budget, conversion, records, asOf, spent -> {});
  }

  /**
   * Like {@link #run(String, PrivacyBudget, Optional, List, Instant)}, also reporting each record's
   * spent-before.
   */
  static Outcome run(
      String collaborationId,
      PrivacyBudget budget,
      Optional<ZcdpConversion> conversion,
      List<SpendRecord> records,
      Instant asOf,
      Consumer<Rational> spentBefore) {
    Objects.requireNonNull(collaborationId, "collaborationId");
    Objects.requireNonNull(asOf, "asOf");
    BudgetState state = BudgetState.start(budget.refresh().periodOf(asOf));
    Optional<ReplayReport.Overspend> first = Optional.empty();
    Instant previous = null;
    for (int i = 0; i < records.size(); i++) {
      SpendRecord r = Objects.requireNonNull(records.get(i), "records[" + i + "]");
      if (!r.collaborationId().equals(collaborationId)) {
        throw new IllegalArgumentException(
            "records["
                + i
                + "].collaborationId: expected \""
                + collaborationId
                + "\", got \""
                + r.collaborationId()
                + "\"");
      }
      if (previous != null && r.time().isBefore(previous)) {
        throw new IllegalArgumentException(
            "records["
                + i
                + "].time: "
                + r.time()
                + " is before records["
                + (i - 1)
                + "].time "
                + previous);
      }
      if (r.time().isAfter(asOf)) {
        throw new IllegalArgumentException(
            "records[" + i + "].time: " + r.time() + " is after the replay time " + asOf);
      }
      if (r.mechanism() == Mechanism.GAUSSIAN && conversion.isEmpty()) {
        throw new IllegalArgumentException(
            "records[" + i + "].mechanism: gaussian, but the budget has no delta");
      }
      previous = r.time();
      state = state.rollTo(budget.refresh().periodOf(r.time()));
      spentBefore.accept(state.spentEpsilon(conversion));
      state = state.plus(r.cost());
      Rational spentAfter = state.spentEpsilon(conversion);
      if (first.isEmpty() && spentAfter.compareTo(budget.totalEpsilon()) > 0) {
        first = Optional.of(new ReplayReport.Overspend(i, r, spentAfter));
      }
    }
    return new Outcome(state.rollTo(budget.refresh().periodOf(asOf)), first);
  }
}
