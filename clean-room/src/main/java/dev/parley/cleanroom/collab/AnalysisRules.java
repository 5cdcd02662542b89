package dev.parley.cleanroom.collab;

import dev.parley.ledger.jcs.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A collaboration's analysis rules: which member datasets may be joined (on tokens only), what may
 * be read from each, which aggregates may be computed, and the minimum number of distinct subjects
 * a released row must have. Modeled on the aggregation analysis rule of AWS Clean Rooms (dimension
 * columns, aggregate columns with allowed functions, join columns, and an output constraint on
 * {@code COUNT DISTINCT} of the join key).
 *
 * <p>Immutable and normalized: datasets are sorted by key, dimensions and metrics by name, so two
 * equal rule sets have one canonical JSON form ({@link RulesJson}) and one {@link #hash()}.
 *
 * @param datasets the member datasets' rules, sorted by key, distinct
 * @param aggregates the allowed aggregate functions; always includes {@code
 *     COUNT_DISTINCT_SUBJECTS}, on which the threshold is judged and which every released row
 *     carries
 * @param minAggregationThreshold k: rows with fewer distinct subjects are suppressed (2 to 100000)
 * @param dp the differential-privacy rules as JSON ({@link DpRules}): validated strictly, carried
 *     verbatim in the canonical JSON (as {@code null} when absent) and covered by the hash; when
 *     present, every query adds noise and spends budget
 */
public record AnalysisRules(
    List<DatasetRules> datasets,
    Set<AggregateFunction> aggregates,
    int minAggregationThreshold,
    Optional<JsonObject> dp) {
  /** The default k. */
  public static final int DEFAULT_MIN_AGGREGATION_THRESHOLD = 50;

  /** The smallest k: one subject per row would release individual values. */
  public static final int MIN_AGGREGATION_THRESHOLD = 2;

  /** The largest k. */
  public static final int MAX_AGGREGATION_THRESHOLD = 100_000;

  /** The most datasets a collaboration may name. */
  public static final int MAX_DATASETS = 64;

  /**
   * Validates and normalizes.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public AnalysisRules {
    Objects.requireNonNull(datasets, "datasets");
    if (datasets.isEmpty() || datasets.size() > MAX_DATASETS) {
      throw new IllegalArgumentException(
          "datasets: must name 1-" + MAX_DATASETS + " datasets, got " + datasets.size());
    }
    List<DatasetRules> sorted = new ArrayList<>(datasets);
    sorted.sort(DatasetRules.BY_KEY);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).dataset().equals(sorted.get(i - 1).dataset())) {
        throw new IllegalArgumentException(
            "datasets: " + sorted.get(i).dataset().label() + " is listed twice");
      }
    }
    datasets = List.copyOf(sorted);
    Objects.requireNonNull(aggregates, "aggregates");
    if (!aggregates.contains(AggregateFunction.COUNT_DISTINCT_SUBJECTS)) {
      throw new IllegalArgumentException(
          "aggregates: must include count-distinct-subjects (every released row carries it)");
    }
    aggregates = Set.copyOf(EnumSet.copyOf(aggregates));
    if (minAggregationThreshold < MIN_AGGREGATION_THRESHOLD
        || minAggregationThreshold > MAX_AGGREGATION_THRESHOLD) {
      throw new IllegalArgumentException(
          "minAggregationThreshold: must be "
              + MIN_AGGREGATION_THRESHOLD
              + "-"
              + MAX_AGGREGATION_THRESHOLD
              + ", got "
              + minAggregationThreshold);
    }
    Objects.requireNonNull(dp, "dp");
    dp.ifPresent(o -> DpRules.fromJson(o, "dp"));
  }

  /**
   * Returns the differential-privacy rules, if the collaboration enables DP.
   *
   * @return the parsed {@code dp} object (validated when the rules were built)
   */
  public Optional<DpRules> dpRules() {
    return dp.map(o -> DpRules.fromJson(o, "dp"));
  }

  /**
   * Returns the rules of one dataset.
   *
   * @param dataset the dataset
   * @return its rules, or empty if the collaboration does not include it
   */
  public Optional<DatasetRules> dataset(DatasetKey dataset) {
    return datasets.stream().filter(d -> d.dataset().equals(dataset)).findFirst();
  }

  /**
   * Tells whether an aggregate function is allowed.
   *
   * @param function the function
   * @return true if allowed
   */
  public boolean allows(AggregateFunction function) {
    return aggregates.contains(function);
  }

  /**
   * Returns the canonical JSON form (RFC 8785) of these rules.
   *
   * @return the canonical UTF-8 bytes
   */
  public byte[] canonicalJson() {
    return RulesJson.toJson(this).canonicalBytes();
  }

  /**
   * Returns the rules hash: SHA-256 of {@link #canonicalJson()}, in lowercase hex. Members approve
   * exactly this value.
   *
   * @return 64 hex characters
   */
  public String hash() {
    return RulesJson.hash(this);
  }

  /**
   * Starts a rule set.
   *
   * @return a builder with k = 50, only count-distinct-subjects allowed, and no dp
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A validating builder of analysis rules. */
  public static final class Builder {
    private final List<DatasetRules> datasets = new ArrayList<>();
    private final EnumSet<AggregateFunction> aggregates =
        EnumSet.of(AggregateFunction.COUNT_DISTINCT_SUBJECTS);
    private int minAggregationThreshold = DEFAULT_MIN_AGGREGATION_THRESHOLD;
    private JsonObject dp;

    private Builder() {}

    /**
     * Adds a member dataset.
     *
     * @param dataset the dataset
     * @param rules fills the dataset's allowed dimensions and metrics
     * @return this builder
     */
    public Builder dataset(DatasetKey dataset, Consumer<DatasetRules.Builder> rules) {
      DatasetRules.Builder b = DatasetRules.builder(dataset);
      rules.accept(b);
      datasets.add(b.build());
      return this;
    }

    /**
     * Adds a member dataset's rules.
     *
     * @param rules the rules
     * @return this builder
     */
    public Builder dataset(DatasetRules rules) {
      datasets.add(Objects.requireNonNull(rules, "rules"));
      return this;
    }

    /**
     * Allows aggregate functions (count-distinct-subjects is always allowed).
     *
     * @param functions the functions
     * @return this builder
     */
    public Builder allow(AggregateFunction... functions) {
      aggregates.addAll(List.of(functions));
      return this;
    }

    /**
     * Sets k, the minimum number of distinct subjects per released row.
     *
     * @param k 2 to 100000
     * @return this builder
     */
    public Builder minAggregationThreshold(int k) {
      this.minAggregationThreshold = k;
      return this;
    }

    /**
     * Sets the differential-privacy rules as JSON (validated by {@link #build()}; carried
     * verbatim).
     *
     * @param parameters the {@code dp} object, or null for none
     * @return this builder
     */
    public Builder dp(JsonObject parameters) {
      this.dp = parameters;
      return this;
    }

    /**
     * Enables differential privacy with these rules.
     *
     * @param rules the rules, or null for none
     * @return this builder
     */
    public Builder dp(DpRules rules) {
      this.dp = rules == null ? null : rules.toJson();
      return this;
    }

    /**
     * Builds the rules.
     *
     * @return the rules
     * @throws IllegalArgumentException naming what is wrong
     */
    public AnalysisRules build() {
      return new AnalysisRules(
          datasets, aggregates, minAggregationThreshold, Optional.ofNullable(dp));
    }
  }
}
