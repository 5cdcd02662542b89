package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.AggregateFunction;
import java.util.Objects;

/**
 * An aggregate of one metric column, as a request names it.
 *
 * @param aggregate {@code SUM} or {@code AVG} (subject counts need no selector: every row has one)
 * @param column the metric column
 */
public record MetricSelector(AggregateFunction aggregate, ColumnSelector column) {
  /** Validates the parts. */
  public MetricSelector {
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(column, "column");
    if (aggregate == AggregateFunction.COUNT_DISTINCT_SUBJECTS) {
      throw new IllegalArgumentException(
          "aggregate: count-distinct-subjects takes no column; every row carries it");
    }
  }

  /**
   * Returns the aggregate as output headers name it.
   *
   * @return e.g. {@code sum(acme/customers.spend)}
   */
  public String label() {
    return aggregate.wireName() + "(" + column.label() + ")";
  }
}
