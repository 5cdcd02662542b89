package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateKind;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableRef;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a planned query runs under differential privacy: what the engine computes, which statistics
 * get noise, and how the query's cost is split among them. Pure apart from the injected randomness;
 * built before any budget is spent, so a query whose noise cannot be calibrated is refused for
 * free.
 *
 * <p><b>Contribution bounding.</b> The engine runs with {@code maxGroupsPerSubject} = L (1 for a
 * query without groups, which has exactly one group) and {@code minSubjects} = 0, so it thresholds
 * nothing on true counts; every metric value is clamped to its declared bounds [lower, upper].
 *
 * <p><b>Statistics and sensitivities</b> (per group, for one subject added or removed, assuming one
 * row per subject and dataset, as uploads produce):
 *
 * <ul>
 *   <li>the subject count: 1;
 *   <li>one clamped sum per (metric, bounds) that a SUM or AVG reads: c = ⌈max(|lower|, |upper|)⌉,
 *       plus 1 unless the column is INTEGER with integral bounds (a DECIMAL sum is rounded to an
 *       integer, and rounding can move by one more);
 *   <li>one count of values per metric that an AVG reads (the engine's SUM with bounds [1, 1]): 1;
 *   <li>for a grouped query, the number of groups (a scalar, sensitivity L), from which the
 *       suppressed count is estimated.
 * </ul>
 *
 * <p><b>Cost split.</b> The m statistics share the per-query cost equally: each gets ε/m (or ρ/m).
 * By basic composition of pure DP (and additivity of zCDP) the query costs exactly the per-query
 * amount. AVG is post-processing: noisy sum / noisy count of values, clamped to the bounds.
 */
final class DpPlan {
  /** A statistic: which engine aggregate (or the subject or group count) and its noise. */
  record Statistic(Kind kind, int engineIndex, StatisticNoise noise) {}

  /** The kinds of statistic. */
  enum Kind {
    SUBJECTS,
    SUM,
    VALUE_COUNT,
    GROUPS
  }

  /**
   * Where an output value comes from.
   *
   * @param kind SUM or AVG
   * @param sum the index of the sum statistic
   * @param count for AVG, the index of the value-count statistic, else −1
   * @param lower the metric's lower bound
   * @param upper the metric's upper bound
   * @param exact whether the engine's sum is an exact integer
   */
  record ValueSource(
      AggregateKind kind, int sum, int count, double lower, double upper, boolean exact) {}

  /** Metric bounds must stay below this magnitude (2^40) so that sensitivities are exact longs. */
  static final double MAX_BOUND = 0x1p40;

  final QueryPlan plan;
  final DpRules rules;
  final int groupsPerSubject;
  final List<Aggregate> engineAggregates;
  final List<Statistic> statistics;
  final List<ValueSource> values;
  final Rational share;
  final Optional<Rational> selectionDelta;

  private DpPlan(
      QueryPlan plan,
      DpRules rules,
      int groupsPerSubject,
      List<Aggregate> engineAggregates,
      List<Statistic> statistics,
      List<ValueSource> values,
      Rational share) {
    this.plan = plan;
    this.rules = rules;
    this.groupsPerSubject = groupsPerSubject;
    this.engineAggregates = List.copyOf(engineAggregates);
    this.statistics = List.copyOf(statistics);
    this.values = List.copyOf(values);
    this.share = share;
    // A group that only the differing subject holds has true count 1 and is released iff
    // 1 + noise ≥ k; it can hold up to L such groups (union bound).
    this.selectionDelta =
        plan.groupBy().isEmpty()
            ? Optional.empty()
            : Optional.of(
                subjects()
                    .noise()
                    .tailAtLeast(plan.minSubjects() - 1)
                    .multiply(Rational.of(groupsPerSubject))
                    .min(Rational.ONE));
  }

  /**
   * Plans the noisy release of a planned query.
   *
   * @param plan the query, as the planner allowed it
   * @param rules the collaboration's DP rules
   * @param integerColumn whether a metric column holds integers (its type is INTEGER)
   * @param random the randomness for the noise
   * @return the DP plan
   * @throws QueryRefusedException ({@link Rule#NOISE_OUT_OF_RANGE}) if a noise scale falls outside
   *     the samplers' range (metric bounds too wide, or the per-query cost split too thin)
   */
  static DpPlan of(
      QueryPlan plan, DpRules rules, Predicate<ColumnRef> integerColumn, SecureRandom random) {
    boolean grouped = !plan.groupBy().isEmpty();
    int l = grouped ? rules.maxGroupsPerSubject() : 1;
    List<Aggregate> engine = new ArrayList<>();
    List<Spec> specs = new ArrayList<>();
    specs.add(new Spec(Kind.SUBJECTS, -1, 1, "the subject count"));
    List<ValueSource> values = new ArrayList<>();
    for (Aggregate a : plan.aggregates()) {
      ColumnRef ref = a.column().orElseThrow(); // the planner emits SUM and AVG only
      boolean integral = Math.rint(a.lower()) == a.lower() && Math.rint(a.upper()) == a.upper();
      boolean exact = integral && (integerColumn.test(ref) || a.lower() == a.upper());
      double bound = Math.max(Math.abs(a.lower()), Math.abs(a.upper()));
      if (!(bound < MAX_BOUND)) {
        throw new QueryRefusedException(
            new RuleViolation(
                Rule.NOISE_OUT_OF_RANGE,
                "metrics",
                "the bounds of "
                    + ref.column()
                    + " reach "
                    + bound
                    + "; differential privacy needs bounds below 2^40 in magnitude"));
      }
      long c = Math.max(1, (long) Math.ceil(bound) + (exact ? 0 : 1));
      int sum =
          spec(
              engine,
              specs,
              Aggregate.sum(ref, a.lower(), a.upper()),
              new Spec(Kind.SUM, -1, c, "the sum of " + ref.column()));
      int count =
          a.kind() != AggregateKind.AVG
              ? -1
              : spec(
                  engine,
                  specs,
                  Aggregate.sum(ref, 1, 1),
                  new Spec(Kind.VALUE_COUNT, -1, 1, "the count of values of " + ref.column()));
      values.add(new ValueSource(a.kind(), sum, count, a.lower(), a.upper(), exact));
    }
    if (grouped) {
      specs.add(new Spec(Kind.GROUPS, -1, rules.maxGroupsPerSubject(), "the number of groups"));
    }
    Rational share = rules.perQuery().divide(Rational.of(specs.size()));
    List<Statistic> statistics = new ArrayList<>();
    for (Spec s : specs) {
      long groups = s.kind() == Kind.GROUPS ? 1 : l;
      try {
        statistics.add(
            new Statistic(
                s.kind(),
                s.engineIndex(),
                StatisticNoise.calibrate(rules.mechanism(), share, groups, s.perGroup(), random)));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new QueryRefusedException(
            new RuleViolation(
                Rule.NOISE_OUT_OF_RANGE,
                "metrics",
                "the noise for "
                    + s.what()
                    + " cannot be calibrated ("
                    + e.getMessage()
                    + "); narrow the metric bounds or raise the per-query cost"));
      }
    }
    return new DpPlan(plan, rules, l, engine, statistics, values, share);
  }

  /** Whether each metric column of a plan holds integers (INTEGER in the latest version). */
  static Predicate<ColumnRef> integerColumns(
      QueryPlan plan, Map<DatasetKey, DatasetDescription> latest) {
    return ref -> {
      TableRef table = plan.inputs().get(ref.input());
      return latest.values().stream()
          .filter(d -> d.table().equals(table))
          .flatMap(d -> d.column(ref.column()).stream())
          .anyMatch(col -> col.type() == ColumnType.INTEGER);
    };
  }

  /** A statistic before calibration. */
  private record Spec(Kind kind, int engineIndex, long perGroup, String what) {}

  /** Returns the index of the statistic computing an engine aggregate, adding both if new. */
  private static int spec(List<Aggregate> engine, List<Spec> specs, Aggregate aggregate, Spec s) {
    int at = engine.indexOf(aggregate);
    if (at >= 0) {
      for (int i = 0; i < specs.size(); i++) {
        if (specs.get(i).engineIndex() == at) {
          return i;
        }
      }
    }
    engine.add(aggregate);
    specs.add(new Spec(s.kind(), engine.size() - 1, s.perGroup(), s.what()));
    return specs.size() - 1;
  }

  /**
   * Returns the engine plan: contribution bounded to L groups per subject, no threshold.
   *
   * @param subjectFilter the token set of consented subjects
   * @return the plan
   */
  AggregationPlan aggregation(String subjectFilter) {
    return new AggregationPlan(
        plan.inputs(),
        Optional.of(subjectFilter),
        plan.groupBy(),
        engineAggregates,
        plan.groupBy().isEmpty() ? 0 : groupsPerSubject,
        0);
  }

  /** The statistic that counts subjects. */
  Statistic subjects() {
    return statistics.getFirst();
  }

  /** The number-of-groups statistic, for a grouped query. */
  Optional<Statistic> groups() {
    Statistic last = statistics.getLast();
    return last.kind() == Kind.GROUPS ? Optional.of(last) : Optional.empty();
  }
}
