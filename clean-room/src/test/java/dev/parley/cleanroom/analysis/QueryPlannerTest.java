package dev.parley.cleanroom.analysis;

import static dev.parley.cleanroom.analysis.Fixtures.LATEST;
import static dev.parley.cleanroom.analysis.Fixtures.VIEWERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateKind;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.TableRef;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QueryPlannerTest {
  private static final String OVERLAP =
      """
      {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                       {"partner": "globex", "dataset": "viewers"}]}
      """;

  private static AnalysisRequest request(String json) {
    return RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static PlanOutcome plan(String requester, String json) {
    return QueryPlanner.plan(requester, request(json), Fixtures.active(), LATEST);
  }

  private static QueryPlan planned(String requester, String json) {
    return assertInstanceOf(QueryPlan.class, plan(requester, json));
  }

  private static RuleViolation refused(String requester, String json, Rule rule, String path) {
    RuleViolation v = assertInstanceOf(RuleViolation.class, plan(requester, json));
    assertEquals(rule, v.rule(), v.toString());
    assertEquals(path, v.path(), v.toString());
    return v;
  }

  private static String profile(String dimension) {
    return """
        {"type": "segmentProfile",
         "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["%s"]},
         "among": {"partner": "acme", "dataset": "customers"}}
        """
        .formatted(dimension);
  }

  private static String breakdown(
      String groupPartner, String groupDataset, String group, String aggregate, String metric) {
    return """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"}],
         "groupBy": [{"partner": "%s", "dataset": "%s", "column": "%s"}],
         "metrics": [{"aggregate": "%s", "partner": "acme", "dataset": "customers",
                      "column": "%s"}]}
        """
        .formatted(groupPartner, groupDataset, group, aggregate, metric);
  }

  @Test
  void plan_overlapByMember_joinsBothOnTokensWithThresholdAndBaseline() {
    QueryPlan p = planned("globex", OVERLAP);
    assertEquals(RequestKind.OVERLAP, p.kind());
    assertEquals(
        List.of(
            new TableRef("acme_customers_v3", "acme"), new TableRef("globex_viewers_v7", "globex")),
        p.inputs());
    assertEquals(List.of("acme", "globex"), p.contributors());
    assertEquals(OptionalInt.of(1), p.baselineInput(), "globex's own dataset is the denominator");
    assertEquals(Optional.of(new TableRef("globex_viewers_v7", "globex")), p.baselineTable());
    AggregationPlan a = p.aggregation("consented_x_1");
    assertEquals(Optional.of("consented_x_1"), a.subjectFilter());
    assertEquals(List.of(), a.groupBy());
    assertEquals(List.of(), a.aggregates());
    assertEquals(50, a.minSubjects());
    assertEquals(0, a.maxGroupsPerSubject());
  }

  @Test
  void plan_segmentProfile_groupsByProfileDimensionsOnly() {
    QueryPlan p =
        planned(
            "acme",
            """
            {"type": "segmentProfile",
             "profile": {"partner": "globex", "dataset": "viewers",
                         "dimensions": ["age_band", "genre"]},
             "among": {"partner": "acme", "dataset": "customers"},
             "metrics": [{"aggregate": "sum", "partner": "acme", "dataset": "customers",
                          "column": "spend"}]}
            """);
    assertEquals(List.of(new ColumnRef(0, "age_band"), new ColumnRef(0, "genre")), p.groupBy());
    assertEquals(List.of("globex/viewers.age_band", "globex/viewers.genre"), p.groupLabels());
    assertEquals(List.of(Aggregate.sum(new ColumnRef(1, "spend"), 0, 1000)), p.aggregates());
    assertEquals(List.of("sum(acme/customers.spend)"), p.valueLabels());
    assertEquals(OptionalInt.empty(), p.baselineInput());
    assertEquals(50, p.minSubjects());
  }

  @Test
  void plan_metricBreakdown_clampsToDeclaredBounds() {
    QueryPlan p = planned("acme", breakdown("globex", "viewers", "genre", "sum", "spend"));
    Aggregate a = p.aggregates().get(0);
    assertEquals(AggregateKind.SUM, a.kind());
    assertEquals(0, a.lower());
    assertEquals(1000, a.upper());
    assertEquals(List.of(new ColumnRef(1, "genre")), p.groupBy());
  }

  @Test
  void plan_requesterWithoutData_stillNeedsItsOwnConsent() {
    QueryPlan p = planned("initech", breakdown("globex", "viewers", "genre", "sum", "spend"));
    assertEquals(List.of("acme", "globex", "initech"), p.contributors());
  }

  @Test
  void plan_nonMember_refusedBeforeAnythingElse() {
    RuleViolation v = refused("mallory", OVERLAP, Rule.NOT_A_MEMBER, "partner");
    assertTrue(v.message().contains("'mallory' is not a member"), v.message());
    // Even a request that breaks other rules reveals nothing about them to a non-member.
    refused("mallory", profile("token"), Rule.NOT_A_MEMBER, "partner");
  }

  @Test
  void plan_pendingCollaboration_refusedNamingWhoMustApprove() {
    Collaboration pending = Fixtures.collaboration(List.of("acme", "globex"));
    RuleViolation v =
        assertInstanceOf(
            RuleViolation.class, QueryPlanner.plan("acme", request(OVERLAP), pending, LATEST));
    assertEquals(Rule.NOT_ACTIVE, v.rule());
    assertTrue(v.message().contains("[initech]"), v.message());
  }

  @Test
  void plan_tokenColumnAsDimension_refusedAsIdentifier() {
    refused("acme", profile("token"), Rule.IDENTIFIER_COLUMN, "profile.dimensions[0]");
  }

  @Test
  void plan_tokenColumnInGroupByOrMetric_refusedAsIdentifier() {
    refused(
        "acme",
        breakdown("globex", "viewers", "token", "sum", "spend"),
        Rule.IDENTIFIER_COLUMN,
        "groupBy[0].column");
    refused(
        "acme",
        breakdown("globex", "viewers", "genre", "sum", "token"),
        Rule.IDENTIFIER_COLUMN,
        "metrics[0].column");
  }

  @Test
  void plan_identifierColumnPresentInSchema_refusedAsIdentifier() {
    RuleViolation v =
        refused(
            "globex",
            breakdown("acme", "customers", "customer_id", "sum", "spend"),
            Rule.IDENTIFIER_COLUMN,
            "groupBy[0].column");
    assertTrue(v.message().contains("'customer_id' is an identifier column"), v.message());
  }

  @Test
  void plan_datasetsDeclaredIdentifierColumn_refusedAsIdentifier() {
    refused(
        "globex",
        breakdown("acme", "customers", "loyalty_card", "sum", "spend"),
        Rule.IDENTIFIER_COLUMN,
        "groupBy[0].column");
  }

  @Test
  void plan_dimensionNotAllowed_refused() {
    refused("acme", profile("household"), Rule.DIMENSION_NOT_ALLOWED, "profile.dimensions[0]");
  }

  @Test
  void plan_metricUsedAsDimension_refusedWithHint() {
    RuleViolation v =
        refused("acme", profile("minutes"), Rule.DIMENSION_NOT_ALLOWED, "profile.dimensions[0]");
    assertTrue(v.message().contains("it is a metric"), v.message());
  }

  @Test
  void plan_metricNotAllowed_refused() {
    refused(
        "acme",
        breakdown("globex", "viewers", "genre", "sum", "region"),
        Rule.METRIC_NOT_ALLOWED,
        "metrics[0].column");
  }

  @Test
  void plan_aggregateNotAllowed_refused() {
    RuleViolation v =
        refused(
            "acme",
            breakdown("globex", "viewers", "genre", "avg", "spend"),
            Rule.AGGREGATE_NOT_ALLOWED,
            "metrics[0].aggregate");
    assertTrue(v.message().contains("'avg'"), v.message());
  }

  @Test
  void plan_memberDatasetOutsideCollaboration_refused() {
    refused(
        "acme",
        """
        {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "stores"},
                                         {"partner": "globex", "dataset": "viewers"}]}
        """,
        Rule.DATASET_NOT_IN_COLLABORATION,
        "datasets[0]");
  }

  @Test
  void plan_nonMembersDataset_refused() {
    RuleViolation v =
        refused(
            "acme",
            """
            {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                             {"partner": "mallory", "dataset": "leads"}]}
            """,
            Rule.DATASET_NOT_IN_COLLABORATION,
            "datasets[1]");
    assertTrue(v.message().contains("'mallory' is not a member"), v.message());
  }

  @Test
  void plan_unpublishedDataset_refused() {
    Map<DatasetKey, DatasetDescription> latest = new HashMap<>(LATEST);
    latest.remove(VIEWERS);
    RuleViolation v =
        assertInstanceOf(
            RuleViolation.class,
            QueryPlanner.plan("acme", request(OVERLAP), Fixtures.active(), latest));
    assertEquals(Rule.DATASET_UNAVAILABLE, v.rule());
    assertEquals("datasets[1]", v.path());
  }

  @Test
  void plan_overlapOfOthersDatasets_refused() {
    refused("initech", OVERLAP, Rule.REQUESTER_DATASET_REQUIRED, "datasets");
  }

  @Test
  void plan_allowedColumnMissingOrMistypedInLatestVersion_refused() {
    refused("acme", profile("score_band"), Rule.SCHEMA_MISMATCH, "profile.dimensions[0]");
    String panel =
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "initech", "dataset": "panel"}],
         "groupBy": [{"partner": "initech", "dataset": "panel", "column": "%s"}],
         "metrics": [{"aggregate": "sum", "partner": "%s", "dataset": "%s", "column": "%s"}]}
        """;
    refused(
        "acme",
        panel.formatted("weight", "acme", "customers", "spend"),
        Rule.SCHEMA_MISMATCH,
        "groupBy[0].column");
    refused(
        "acme",
        panel.formatted("segment", "initech", "panel", "label"),
        Rule.SCHEMA_MISMATCH,
        "metrics[0].column");
  }

  @Test
  void plan_everyAllowedPlan_neverGroupsOrAggregatesATokenAndAlwaysThresholds() {
    String[] dims = {"age_band", "genre"};
    String[] requesters = {"acme", "globex", "initech"};
    int plans = 0;
    for (String requester : requesters) {
      for (String d : dims) {
        for (String json :
            List.of(profile(d), breakdown("globex", "viewers", d, "sum", "spend"), OVERLAP)) {
          if (plan(requester, json) instanceof QueryPlan p) {
            plans++;
            AggregationPlan a = p.aggregation("s");
            assertTrue(a.minSubjects() >= 2, "a single subject is never released");
            a.groupBy().forEach(g -> assertFalse(g.column().equals("token")));
            for (Aggregate x : a.aggregates()) {
              x.column().ifPresent(c -> assertFalse(c.column().equals("token")));
            }
            assertTrue(p.contributors().contains(requester));
            for (TableRef t : p.inputs()) {
              assertTrue(p.contributors().contains(t.partnerId()));
            }
          }
        }
      }
    }
    assertEquals(16, plans, "all but initech's overlaps (not its data) are allowed");
  }
}
