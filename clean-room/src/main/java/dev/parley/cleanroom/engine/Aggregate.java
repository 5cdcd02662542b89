package dev.parley.cleanroom.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One aggregate of a plan: {@code COUNT_SUBJECTS} is {@code COUNT(DISTINCT token)} (column empty);
 * {@code SUM} and {@code AVG} clamp every value to {@code [lower, upper]} first.
 *
 * @param kind the aggregate function
 * @param column the aggregated column; empty exactly for {@code COUNT_SUBJECTS}
 * @param lower the clamping lower bound (ignored for {@code COUNT_SUBJECTS})
 * @param upper the clamping upper bound (ignored for {@code COUNT_SUBJECTS})
 */
public record Aggregate(
    AggregateKind kind, Optional<ColumnRef> column, double lower, double upper) {
  /** Validates that a column is given exactly when needed and that the bounds are ordered. */
  public Aggregate {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(column, "column");
    if (kind == AggregateKind.COUNT_SUBJECTS) {
      if (column.isPresent()) {
        throw new IllegalArgumentException("COUNT_SUBJECTS takes no column");
      }
    } else {
      if (column.isEmpty()) {
        throw new IllegalArgumentException(kind + " needs a column");
      }
      if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
        throw new IllegalArgumentException(
            kind + " bounds must satisfy lower <= upper, got [" + lower + ", " + upper + "]");
      }
    }
  }

  /** Returns a {@code COUNT_SUBJECTS} aggregate. */
  public static Aggregate countSubjects() {
    return new Aggregate(AggregateKind.COUNT_SUBJECTS, Optional.empty(), 0, 0);
  }

  /** Returns a {@code SUM} of {@code column} clamped to {@code [lower, upper]}. */
  public static Aggregate sum(ColumnRef column, double lower, double upper) {
    return new Aggregate(AggregateKind.SUM, Optional.of(column), lower, upper);
  }

  /** Returns an {@code AVG} of {@code column} clamped to {@code [lower, upper]}. */
  public static Aggregate avg(ColumnRef column, double lower, double upper) {
    return new Aggregate(AggregateKind.AVG, Optional.of(column), lower, upper);
  }
}
