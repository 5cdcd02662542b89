package dev.parley.cleanroom.dp;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link BudgetReplay#replay}.
 *
 * @param records how many records were replayed
 * @param spent ε spent in the period containing the replay time
 * @param remaining total ε minus {@code spent} (negative if that period is overspent)
 * @param firstOverspend the first record after which its period's ε exceeded the total
 */
public record ReplayReport(
    int records, Rational spent, Rational remaining, Optional<Overspend> firstOverspend) {
  /** Checks that no component is null. */
  public ReplayReport {
    Objects.requireNonNull(spent, "spent");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(firstOverspend, "firstOverspend");
  }

  /**
   * A spend that took its period past the total.
   *
   * @param position the record's index in the replayed list (0-based)
   * @param record the record
   * @param spentAfter the period's ε after it
   */
  public record Overspend(int position, SpendRecord record, Rational spentAfter) {
    /** Checks that no component is null. */
    public Overspend {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(spentAfter, "spentAfter");
    }
  }
}
