package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.CollaborationState;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.DatasetRules;
import dev.parley.cleanroom.collab.IdentifierColumns;
import dev.parley.cleanroom.collab.MetricRule;
import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Decides whether a collaboration's rules allow a request and, if so, plans it. Pure: no I/O, the
 * same inputs always give the same outcome.
 *
 * <p>Checks, in order (the first failure is reported): the requester is a member (before anything
 * else, so a non-member learns nothing about the rules); every member approved; every dataset is a
 * member dataset with a published version; an overlap includes the requester's own dataset; every
 * grouping column is an allowed dimension, every aggregated column an allowed metric with an
 * allowed function, none is an identifier, and each exists with a fitting type in the latest
 * version. Refusals name the request field at fault.
 *
 * <p>Whatever the request, the plan joins on tokens only, never outputs or groups by the token,
 * clamps every metric to its declared bounds and suppresses groups under the rules' threshold k
 * (AWS Clean Rooms' aggregation analysis rule: "minimum number of distinct values of the join
 * column required in each output row").
 */
public final class QueryPlanner {
  private QueryPlanner() {}

  /**
   * Plans a request.
   *
   * @param requester the requesting partner
   * @param request the request
   * @param collaboration the collaboration it runs in
   * @param latest the latest published version of (at least) each requested member dataset
   * @return the plan, or the first rule the request breaks
   */
  public static PlanOutcome plan(
      String requester,
      AnalysisRequest request,
      Collaboration collaboration,
      Map<DatasetKey, DatasetDescription> latest) {
    try {
      return new Planning(requester, collaboration, latest).plan(request);
    } catch (Refused r) {
      return r.violation;
    }
  }

  /** Unwinds planning at the first violation. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")
    private final RuleViolation violation;

    Refused(Rule rule, String path, String message) {
      super(message, null, false, false);
      this.violation = new RuleViolation(rule, path, message);
    }
  }

  private static final class Planning {
    private final String requester;
    private final Collaboration collaboration;
    private final Map<DatasetKey, DatasetDescription> latest;
    private final List<DatasetKey> joined = new ArrayList<>();
    private final List<TableRef> inputs = new ArrayList<>();

    Planning(
        String requester, Collaboration collaboration, Map<DatasetKey, DatasetDescription> latest) {
      this.requester = requester;
      this.collaboration = collaboration;
      this.latest = latest;
    }

    PlanOutcome plan(AnalysisRequest request) {
      if (!collaboration.isMember(requester)) {
        throw new Refused(
            Rule.NOT_A_MEMBER,
            "partner",
            "partner '"
                + requester
                + "' is not a member of collaboration '"
                + collaboration.id()
                + "'");
      }
      if (collaboration.state() != CollaborationState.ACTIVE) {
        List<String> waiting = new ArrayList<>(collaboration.members());
        waiting.removeAll(collaboration.approvals().keySet());
        throw new Refused(
            Rule.NOT_ACTIVE,
            "collaboration",
            "collaboration '" + collaboration.id() + "' awaits approval by " + waiting);
      }
      return switch (request) {
        case OverlapRequest r -> overlap(r);
        case SegmentProfileRequest r -> profile(r);
        case MetricBreakdownRequest r -> breakdown(r);
      };
    }

    private QueryPlan overlap(OverlapRequest r) {
      join(r.datasets().get(0), "datasets[0]");
      join(r.datasets().get(1), "datasets[1]");
      int own = r.datasets().get(0).partner().equals(requester) ? 0 : 1;
      if (!r.datasets().get(own).partner().equals(requester)) {
        throw new Refused(
            Rule.REQUESTER_DATASET_REQUIRED,
            "datasets",
            "an overlap must include a dataset of the requester '" + requester + "'");
      }
      return finish(RequestKind.OVERLAP, List.of(), List.of(), List.of(), List.of(), own);
    }

    private QueryPlan profile(SegmentProfileRequest r) {
      join(r.profile(), "profile");
      join(r.among(), "among");
      List<ColumnRef> groupBy = new ArrayList<>();
      List<String> groupLabels = new ArrayList<>();
      for (int i = 0; i < r.dimensions().size(); i++) {
        ColumnSelector c = new ColumnSelector(r.profile(), r.dimensions().get(i));
        groupBy.add(dimension(c, "profile.dimensions[" + i + "]"));
        groupLabels.add(c.label());
      }
      return metrics(RequestKind.SEGMENT_PROFILE, groupBy, groupLabels, r.metrics());
    }

    private QueryPlan breakdown(MetricBreakdownRequest r) {
      for (int i = 0; i < r.datasets().size(); i++) {
        join(r.datasets().get(i), "datasets[" + i + "]");
      }
      List<ColumnRef> groupBy = new ArrayList<>();
      List<String> groupLabels = new ArrayList<>();
      for (int i = 0; i < r.groupBy().size(); i++) {
        ColumnSelector c = r.groupBy().get(i);
        groupBy.add(dimension(c, "groupBy[" + i + "].column"));
        groupLabels.add(c.label());
      }
      return metrics(RequestKind.METRIC_BREAKDOWN, groupBy, groupLabels, r.metrics());
    }

    private QueryPlan metrics(
        RequestKind kind,
        List<ColumnRef> groupBy,
        List<String> groupLabels,
        List<MetricSelector> metrics) {
      List<Aggregate> aggregates = new ArrayList<>();
      List<String> valueLabels = new ArrayList<>();
      for (int i = 0; i < metrics.size(); i++) {
        aggregates.add(metric(metrics.get(i), "metrics[" + i + "]"));
        valueLabels.add(metrics.get(i).label());
      }
      return finish(kind, groupBy, groupLabels, aggregates, valueLabels, -1);
    }

    private QueryPlan finish(
        RequestKind kind,
        List<ColumnRef> groupBy,
        List<String> groupLabels,
        List<Aggregate> aggregates,
        List<String> valueLabels,
        int baseline) {
      TreeSet<String> contributors = new TreeSet<>();
      inputs.forEach(t -> contributors.add(t.partnerId()));
      contributors.add(requester);
      return new QueryPlan(
          kind,
          inputs,
          List.copyOf(contributors),
          groupBy,
          aggregates,
          collaboration.rules().minAggregationThreshold(),
          groupLabels,
          valueLabels,
          baseline < 0 ? OptionalInt.empty() : OptionalInt.of(baseline));
    }

    /** Adds a dataset to the join after checking it is a published member dataset. */
    private void join(DatasetKey d, String path) {
      if (!collaboration.isMember(d.partner())) {
        throw new Refused(
            Rule.DATASET_NOT_IN_COLLABORATION,
            path,
            "partner '" + d.partner() + "' is not a member of '" + collaboration.id() + "'");
      }
      if (collaboration.rules().dataset(d).isEmpty()) {
        throw new Refused(
            Rule.DATASET_NOT_IN_COLLABORATION,
            path,
            "dataset " + d.label() + " is not part of collaboration '" + collaboration.id() + "'");
      }
      DatasetDescription description = latest.get(d);
      if (description == null) {
        throw new Refused(
            Rule.DATASET_UNAVAILABLE, path, "dataset " + d.label() + " has no published version");
      }
      joined.add(d);
      inputs.add(description.table());
    }

    private ColumnRef dimension(ColumnSelector c, String path) {
      notIdentifier(c, path);
      DatasetRules rules = rulesOf(c.dataset());
      if (!rules.allowsDimension(c.column())) {
        String also =
            rules.metric(c.column()).isPresent() ? " (it is a metric: aggregate it instead)" : "";
        throw new Refused(
            Rule.DIMENSION_NOT_ALLOWED,
            path,
            "'" + c.column() + "' is not an allowed dimension of " + c.dataset().label() + also);
      }
      if (schemaColumn(c, path).type() == ColumnType.DECIMAL) {
        throw new Refused(
            Rule.SCHEMA_MISMATCH,
            path,
            "'"
                + c.column()
                + "' of "
                + c.dataset().label()
                + " is DECIMAL; only DIMENSION, INTEGER and DATE columns can be grouped by");
      }
      return new ColumnRef(joined.indexOf(c.dataset()), c.column());
    }

    private Aggregate metric(MetricSelector m, String path) {
      ColumnSelector c = m.column();
      if (!collaboration.rules().allows(m.aggregate())) {
        throw new Refused(
            Rule.AGGREGATE_NOT_ALLOWED,
            path + ".aggregate",
            "aggregate '" + m.aggregate().wireName() + "' is not allowed by the rules");
      }
      notIdentifier(c, path + ".column");
      Optional<MetricRule> rule = rulesOf(c.dataset()).metric(c.column());
      if (rule.isEmpty()) {
        throw new Refused(
            Rule.METRIC_NOT_ALLOWED,
            path + ".column",
            "'" + c.column() + "' is not an allowed metric of " + c.dataset().label());
      }
      ColumnDef def = schemaColumn(c, path + ".column");
      if (def.type() != ColumnType.INTEGER && def.type() != ColumnType.DECIMAL) {
        throw new Refused(
            Rule.SCHEMA_MISMATCH,
            path + ".column",
            "'"
                + c.column()
                + "' of "
                + c.dataset().label()
                + " is "
                + def.type()
                + ", not numeric");
      }
      ColumnRef ref = new ColumnRef(joined.indexOf(c.dataset()), c.column());
      MetricRule b = rule.get();
      return m.aggregate() == AggregateFunction.SUM
          ? Aggregate.sum(ref, b.lower(), b.upper())
          : Aggregate.avg(ref, b.lower(), b.upper());
    }

    private void notIdentifier(ColumnSelector c, String path) {
      if (IdentifierColumns.isIdentifier(c.column())
          || latest.get(c.dataset()).identifiers().contains(c.column())) {
        throw new Refused(
            Rule.IDENTIFIER_COLUMN,
            path,
            "'" + c.column() + "' is an identifier column; identifiers never leave the clean room");
      }
    }

    private DatasetRules rulesOf(DatasetKey d) {
      // join() already checked that the dataset is in the rules
      return collaboration.rules().dataset(d).orElseThrow();
    }

    private ColumnDef schemaColumn(ColumnSelector c, String path) {
      return latest
          .get(c.dataset())
          .column(c.column())
          .orElseThrow(
              () ->
                  new Refused(
                      Rule.SCHEMA_MISMATCH,
                      path,
                      "the latest version of "
                          + c.dataset().label()
                          + " has no column '"
                          + c.column()
                          + "'"));
    }
  }
}
