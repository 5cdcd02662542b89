package dev.parley.cleanroom.engine;

import java.util.List;

/**
 * The result of an aggregation plan.
 *
 * @param rows the unsuppressed groups, ordered by their group values
 * @param suppressedRows the number of groups withheld for having fewer than minSubjects subjects
 */
public record AggregateResult(List<ResultRow> rows, long suppressedRows) {
  /** Copies the rows. */
  public AggregateResult {
    rows = List.copyOf(rows);
  }
}
