package dev.parley.cleanroom.engine;

/**
 * A column of one plan input.
 *
 * @param input index into {@link AggregationPlan#inputs()}
 * @param column the column name, matching {@code [a-z][a-z0-9_]{0,62}}
 */
public record ColumnRef(int input, String column) {
  /** Validates the index and name. */
  public ColumnRef {
    if (input < 0) {
      throw new IllegalArgumentException("input index must be >= 0, got " + input);
    }
    EngineNames.requireColumn("column", column);
  }
}
