package dev.parley.cleanroom.collab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What analyses may read from one member dataset: the dimensions they may group by and the metrics
 * they may aggregate. Every other column of the dataset is invisible to analyses; the token column
 * joins the datasets and is never readable.
 *
 * @param dataset the dataset
 * @param dimensions the allowed grouping columns, sorted, distinct
 * @param metrics the allowed aggregated columns with their bounds, sorted by column, distinct
 */
public record DatasetRules(DatasetKey dataset, List<String> dimensions, List<MetricRule> metrics) {
  /** Orders dataset rules by their dataset key. */
  static final Comparator<DatasetRules> BY_KEY = Comparator.comparing(DatasetRules::dataset);

  /**
   * Validates and normalizes (sorts) the lists.
   *
   * @throws IllegalArgumentException if a name repeats, is used both ways, or is an identifier
   */
  public DatasetRules {
    Objects.requireNonNull(dataset, "dataset");
    String where = "dataset " + dataset.label();
    TreeSet<String> dims = new TreeSet<>();
    for (String d : dimensions) {
      IdentifierColumns.requireAnalysable(d, where + " dimension");
      if (!dims.add(d)) {
        throw new IllegalArgumentException(where + ": dimension '" + d + "' is listed twice");
      }
    }
    TreeMap<String, MetricRule> byColumn = new TreeMap<>();
    for (MetricRule m : metrics) {
      Objects.requireNonNull(m, "metric");
      if (byColumn.put(m.column(), m) != null) {
        throw new IllegalArgumentException(where + ": metric '" + m.column() + "' is listed twice");
      }
      if (dims.contains(m.column())) {
        throw new IllegalArgumentException(
            where + ": '" + m.column() + "' cannot be both a dimension and a metric");
      }
    }
    dimensions = List.copyOf(dims);
    metrics = List.copyOf(byColumn.values());
  }

  /**
   * Tells whether a column may be grouped by.
   *
   * @param column the column
   * @return true if it is an allowed dimension
   */
  public boolean allowsDimension(String column) {
    return dimensions.contains(column);
  }

  /**
   * Returns the rule of an allowed metric.
   *
   * @param column the column
   * @return its rule, or empty if it is not an allowed metric
   */
  public Optional<MetricRule> metric(String column) {
    return metrics.stream().filter(m -> m.column().equals(column)).findFirst();
  }

  /**
   * Starts the rules of one dataset.
   *
   * @param dataset the dataset
   * @return a builder
   */
  public static Builder builder(DatasetKey dataset) {
    return new Builder(dataset);
  }

  /** A builder of one dataset's rules. */
  public static final class Builder {
    private final DatasetKey dataset;
    private final List<String> dimensions = new ArrayList<>();
    private final List<MetricRule> metrics = new ArrayList<>();

    private Builder(DatasetKey dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    /**
     * Allows grouping by columns.
     *
     * @param columns the dimension columns
     * @return this builder
     */
    public Builder dimensions(String... columns) {
      dimensions.addAll(List.of(columns));
      return this;
    }

    /**
     * Allows aggregating a column, clamped to {@code [lower, upper]}.
     *
     * @param column the metric column
     * @param lower the lower bound
     * @param upper the upper bound
     * @return this builder
     */
    public Builder metric(String column, double lower, double upper) {
      metrics.add(new MetricRule(column, lower, upper));
      return this;
    }

    /**
     * Builds the dataset's rules.
     *
     * @return the rules
     * @throws IllegalArgumentException if they are inconsistent
     */
    public DatasetRules build() {
      return new DatasetRules(dataset, dimensions, metrics);
    }
  }
}
