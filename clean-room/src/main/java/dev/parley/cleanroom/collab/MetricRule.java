package dev.parley.cleanroom.collab;

/**
 * A metric column that analyses may aggregate, with the bounds every value is clamped to first.
 *
 * <p>Declared bounds cap any one subject's influence on a SUM or AVG (a single outlier cannot be
 * read back from an aggregate's jump), and give a future differential-privacy mechanism its
 * sensitivity.
 *
 * @param column the column name
 * @param lower the lower clamping bound, finite
 * @param upper the upper clamping bound, finite and at least {@code lower}
 */
public record MetricRule(String column, double lower, double upper) {
  /**
   * Validates the name and the bounds.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public MetricRule {
    IdentifierColumns.requireAnalysable(column, "column");
    if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new IllegalArgumentException(
          "bounds of metric '" + column + "' must be finite, got [" + lower + ", " + upper + "]");
    }
    if (lower > upper) {
      throw new IllegalArgumentException(
          "bounds of metric '"
              + column
              + "' must satisfy lower <= upper, got ["
              + lower
              + ", "
              + upper
              + "]");
    }
    if (lower == 0.0) {
      lower = 0.0; // one representation of zero (RFC 8785 writes -0 as 0)
    }
    if (upper == 0.0) {
      upper = 0.0;
    }
  }
}
