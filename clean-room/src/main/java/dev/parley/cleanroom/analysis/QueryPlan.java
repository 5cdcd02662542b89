package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request the rules allow, planned: the engine inputs, whose consent gates which subjects, and
 * the aggregation to run once the consented subjects are loaded as a token set.
 *
 * @param kind the request's kind
 * @param inputs the joined tables (latest versions), in request order
 * @param contributors the partners whose consent every counted subject needs, sorted: the owners of
 *     the inputs and the requester
 * @param groupBy the grouping columns (allowed dimensions only)
 * @param aggregates the metric aggregates (allowed metrics and functions, with their bounds)
 * @param minSubjects k: groups with fewer distinct subjects are suppressed
 * @param groupLabels output headers of the grouping columns
 * @param valueLabels output headers of the aggregates
 * @param baselineInput for an overlap, the input owned by the requester, whose consented subjects
 *     are the match rate's denominator
 */
public record QueryPlan(
    RequestKind kind,
    List<TableRef> inputs,
    List<String> contributors,
    List<ColumnRef> groupBy,
    List<Aggregate> aggregates,
    long minSubjects,
    List<String> groupLabels,
    List<String> valueLabels,
    OptionalInt baselineInput)
    implements PlanOutcome {
  /** Copies the lists and checks that labels align. */
  public QueryPlan {
    Objects.requireNonNull(kind, "kind");
    inputs = List.copyOf(inputs);
    contributors = List.copyOf(contributors);
    groupBy = List.copyOf(groupBy);
    aggregates = List.copyOf(aggregates);
    groupLabels = List.copyOf(groupLabels);
    valueLabels = List.copyOf(valueLabels);
    Objects.requireNonNull(baselineInput, "baselineInput");
    if (groupLabels.size() != groupBy.size() || valueLabels.size() != aggregates.size()) {
      throw new IllegalArgumentException("labels must align with groupBy and aggregates");
    }
  }

  /**
   * Returns the aggregation to run over the subjects in a token set.
   *
   * @param subjectFilter the token set holding the consented subjects
   * @return the engine plan
   */
  public AggregationPlan aggregation(String subjectFilter) {
    return new AggregationPlan(
        inputs, Optional.of(subjectFilter), groupBy, aggregates, 0, minSubjects);
  }

  /**
   * Returns the requester's own table for an overlap's denominator: its distinct subjects that have
   * the requester's consent. That count is never released, only the match-rate bucket.
   *
   * @return the table, for an overlap only
   */
  public Optional<TableRef> baselineTable() {
    return baselineInput.isPresent()
        ? Optional.of(inputs.get(baselineInput.getAsInt()))
        : Optional.empty();
  }
}
