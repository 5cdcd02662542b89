package dev.parley.cleanroom.dp;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The privacy-budget accountant of one collaboration: grants or refuses each query's cost before
 * the query runs, and keeps the ordered spend records.
 *
 * <p>{@link #trySpend} composes the cost with the period's earlier spends ({@link BudgetState}:
 * Laplace ε add up; Gaussian ρ add up and convert to ε by ρ + 2√(ρ·ln(1/δ)), rounded up) and
 * refuses if the period's ε would exceed the total. A refusal changes nothing; a grant is final
 * even if the query later fails (a conservative choice: the noise may already have been drawn).
 * With {@link RefreshPolicy#CALENDAR_MONTHLY} spends count only within their UTC month, read from
 * the injected {@link Clock}. {@link BudgetReplay} recomputes the same numbers from the records.
 *
 * <p>Thread-safe: all methods are serialized, so two concurrent queries cannot both take the last
 * of the budget. The accountant keeps its records in memory only; the caller writes each granted
 * spend's {@link PrivacyRelease} to the ledger and rebuilds the accountant with {@link #resume}.
 */
public final class BudgetAccountant {
  private final String collaborationId;
  private final PrivacyBudget budget;
  private final Clock clock;
  private final Optional<ZcdpConversion> conversion;
  private final List<SpendRecord> records = new ArrayList<>();
  private BudgetState state;

  private BudgetAccountant(
      String collaborationId, PrivacyBudget budget, Clock clock, List<SpendRecord> history) {
    this.collaborationId = Objects.requireNonNull(collaborationId, "collaborationId");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.conversion = budget.delta().map(ZcdpConversion::forDelta);
    BudgetReplay.Outcome replayed =
        BudgetReplay.run(collaborationId, budget, conversion, history, clock.instant());
    this.state = replayed.state();
    this.records.addAll(history);
  }

  /**
   * Creates an accountant with nothing spent.
   *
   * @param collaborationId the collaboration
   * @param budget its budget
   * @param clock the time source deciding budget periods
   * @return the accountant
   */
  public static BudgetAccountant create(String collaborationId, PrivacyBudget budget, Clock clock) {
    return new BudgetAccountant(collaborationId, budget, clock, List.of());
  }

  /**
   * Creates an accountant that continues from earlier spends (for example read from the ledger).
   *
   * @param collaborationId the collaboration
   * @param budget its budget
   * @param clock the time source; must not be earlier than the last record
   * @param history the earlier spends in ledger order
   * @return the accountant, with the history's period state (an overspent history leaves a negative
   *     remainder, so every further spend is refused)
   * @throws IllegalArgumentException if a record is for another collaboration, out of time order,
   *     later than the clock, or Gaussian while the budget has no δ
   */
  public static BudgetAccountant resume(
      String collaborationId, PrivacyBudget budget, Clock clock, List<SpendRecord> history) {
    return new BudgetAccountant(collaborationId, budget, clock, List.copyOf(history));
  }

  /**
   * Returns the budget.
   *
   * @return the budget
   */
  public PrivacyBudget budget() {
    return budget;
  }

  /**
   * Grants the cost if it fits in the current period's remaining budget, else refuses. Call it
   * before computing anything with the data; run the query only on {@link SpendDecision.Spent}.
   *
   * @param cost the query's cost
   * @return {@link SpendDecision.Spent} with the new record and ledger facts, or {@link
   *     SpendDecision.Refused} with the reason (and nothing changed)
   * @throws IllegalStateException if the clock is earlier than the last spend
   */
  public synchronized SpendDecision trySpend(QueryCost cost) {
    Objects.requireNonNull(cost, "cost");
    Instant now = clock.instant();
    if (!records.isEmpty() && now.isBefore(records.getLast().time())) {
      throw new IllegalStateException(
          "clock went backwards: "
              + now
              + " is before the last spend at "
              + records.getLast().time());
    }
    Optional<YearMonth> period = budget.refresh().periodOf(now);
    BudgetState current = state.rollTo(period);
    Rational spentBefore = current.spentEpsilon(conversion);
    Rational remaining = budget.totalEpsilon().subtract(spentBefore);
    if (cost instanceof QueryCost.Zcdp && conversion.isEmpty()) {
      return new SpendDecision.Refused(
          "the budget has no delta, so gaussian (zCDP) queries cannot be accounted", remaining);
    }
    BudgetState next = current.plus(cost);
    Rational spentAfter = next.spentEpsilon(conversion);
    if (spentAfter.compareTo(budget.totalEpsilon()) > 0) {
      return new SpendDecision.Refused(
          "query needs "
              + describe(cost)
              + " but only "
              + remaining
              + " of "
              + budget.totalEpsilon()
              + " remains"
              + period.map(p -> " in " + p).orElse("")
              + " (spent ε would become "
              + spentAfter
              + ")",
          remaining);
    }
    SpendRecord record = new SpendRecord(collaborationId, now, cost.mechanism(), cost.amount());
    records.add(record);
    state = next;
    PrivacyRelease release =
        new PrivacyRelease(
            cost.mechanism(),
            cost.amount(),
            cost instanceof QueryCost.Zcdp ? budget.delta() : Optional.empty(),
            budget.totalEpsilon(),
            spentBefore,
            budget.refresh(),
            period);
    return new SpendDecision.Spent(record, release, budget.totalEpsilon().subtract(spentAfter));
  }

  private static String describe(QueryCost cost) {
    return switch (cost) {
      case QueryCost.PureEpsilon p -> "ε " + p.epsilon() + " (laplace)";
      case QueryCost.Zcdp z -> "ρ " + z.rho() + " (gaussian)";
    };
  }

  /**
   * Returns the ε left in the current period (as of the clock now).
   *
   * @return total minus spent; negative only for an overspent resumed history
   */
  public synchronized Rational remaining() {
    return budget.totalEpsilon().subtract(spent());
  }

  /**
   * Returns the ε spent in the current period (as of the clock now).
   *
   * @return the spent ε
   */
  public synchronized Rational spent() {
    return state.rollTo(budget.refresh().periodOf(clock.instant())).spentEpsilon(conversion);
  }

  /**
   * Returns every granted spend, oldest first (all periods).
   *
   * @return an immutable copy
   */
  public synchronized List<SpendRecord> records() {
    return List.copyOf(records);
  }
}
