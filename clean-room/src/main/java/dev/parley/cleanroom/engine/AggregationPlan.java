package dev.parley.cleanroom.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregation over one or more token-keyed tables.
 *
 * <p>Semantics: inner join of all inputs on token equality; if {@code subjectFilter} is present,
 * only tokens in that token set (see {@link AnalyticEngine#createTokenSet}); if {@code
 * maxGroupsPerSubject > 0}, each subject contributes to at most that many output groups (the engine
 * keeps a deterministic pseudo-random subset: order by hash(token, group)) and, for SUM and AVG, a
 * subject's values within a group are summed first and that per-subject total is clamped to the
 * bounds (without a cap, each value is clamped); AVG is then the mean over subjects with values;
 * group by {@code groupBy}; subjects = {@code COUNT(DISTINCT token)} per group; rows with subjects
 * &lt; {@code minSubjects} are suppressed: counted in {@code suppressedRows}, never returned. Rows
 * are ordered by their group values. With no {@code groupBy} there is exactly one group.
 *
 * @param inputs the joined tables, at least one
 * @param subjectFilter the name of a token set restricting the subjects, if any
 * @param groupBy the grouping columns, in output order
 * @param aggregates the aggregates computed per group
 * @param maxGroupsPerSubject the per-subject group contribution bound, or 0 for none
 * @param minSubjects the suppression threshold on distinct subjects per group
 */
public record AggregationPlan(
    List<TableRef> inputs,
    Optional<String> subjectFilter,
    List<ColumnRef> groupBy,
    List<Aggregate> aggregates,
    int maxGroupsPerSubject,
    long minSubjects) {
  /** Validates the structure: inputs non-empty and every column reference in range. */
  public AggregationPlan {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(subjectFilter, "subjectFilter");
    groupBy = List.copyOf(groupBy);
    aggregates = List.copyOf(aggregates);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("plan needs at least one input");
    }
    if (subjectFilter.isPresent()) {
      EngineNames.requireTable("subjectFilter", subjectFilter.get());
    }
    for (int i = 0; i < groupBy.size(); i++) {
      requireInput(inputs, groupBy.get(i), "groupBy[" + i + "]");
    }
    for (int i = 0; i < aggregates.size(); i++) {
      Optional<ColumnRef> column = aggregates.get(i).column();
      if (column.isPresent()) {
        requireInput(inputs, column.get(), "aggregates[" + i + "]");
      }
    }
    if (maxGroupsPerSubject < 0) {
      throw new IllegalArgumentException(
          "maxGroupsPerSubject must be >= 0, got " + maxGroupsPerSubject);
    }
    if (minSubjects < 0) {
      throw new IllegalArgumentException("minSubjects must be >= 0, got " + minSubjects);
    }
  }

  /**
   * Returns the same plan with another subject filter.
   *
   * @param filter the token set restricting the subjects, or empty for none
   * @return the plan
   */
  public AggregationPlan withSubjectFilter(Optional<String> filter) {
    return new AggregationPlan(
        inputs, filter, groupBy, aggregates, maxGroupsPerSubject, minSubjects);
  }

  private static void requireInput(List<TableRef> inputs, ColumnRef ref, String where) {
    if (ref.input() >= inputs.size()) {
      throw new IllegalArgumentException(
          where + " refers to input " + ref.input() + " but the plan has " + inputs.size());
    }
  }
}
