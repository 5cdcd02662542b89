package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.InMemoryEngine;
import dev.parley.cleanroom.engine.ResultRow;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.engine.TableWriter;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Calibration of the noisy release: statistics, sensitivities, the cost split, bounding. */
class DpPlanTest {
  static final TableRef PURCHASES = new TableRef("acme_purchases_v1", "acme");
  static final ColumnRef CATEGORY = new ColumnRef(0, "category");
  static final ColumnRef SPEND = new ColumnRef(0, "spend");
  static final ColumnRef MINUTES = new ColumnRef(0, "minutes");

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG", "SUN");
      r.setSeed(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      return r;
    } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
      throw new IllegalStateException(e);
    }
  }

  static DpRules laplace(String perQuery, int groups) {
    return new DpRules(
        Mechanism.LAPLACE,
        Rational.of(10),
        Rational.parse(perQuery),
        Optional.empty(),
        RefreshPolicy.NONE,
        groups);
  }

  static QueryPlan plan(List<ColumnRef> groupBy, List<Aggregate> aggregates, long k) {
    List<String> groupLabels = groupBy.stream().map(ColumnRef::column).toList();
    List<String> valueLabels = aggregates.stream().map(a -> a.kind().name()).toList();
    return new QueryPlan(
        groupBy.isEmpty() ? RequestKind.OVERLAP : RequestKind.METRIC_BREAKDOWN,
        List.of(PURCHASES),
        List.of("acme"),
        groupBy,
        aggregates,
        k,
        groupLabels,
        valueLabels,
        OptionalInt.empty());
  }

  private static Rational scale(DpPlan p, int statistic) {
    return p.statistics.get(statistic).noise().scale();
  }

  @Test
  void of_sumAndAvgOfOneMetric_shareOneNoisySumAndSplitTheCostEqually() {
    QueryPlan q =
        plan(
            List.of(CATEGORY),
            List.of(
                Aggregate.sum(SPEND, 0, 1000),
                Aggregate.avg(SPEND, 0, 1000),
                Aggregate.avg(MINUTES, -5, 600)),
            10);
    DpPlan p = DpPlan.of(q, laplace("1", 2), ref -> ref.equals(MINUTES), seeded(1));
    // subjects, sum(spend), count(spend), sum(minutes), count(minutes), number of groups
    assertEquals(
        List.of(
            DpPlan.Kind.SUBJECTS,
            DpPlan.Kind.SUM,
            DpPlan.Kind.VALUE_COUNT,
            DpPlan.Kind.SUM,
            DpPlan.Kind.VALUE_COUNT,
            DpPlan.Kind.GROUPS),
        p.statistics.stream().map(DpPlan.Statistic::kind).toList());
    assertEquals(Rational.of(1, 6), p.share);
    assertEquals(
        List.of(
            Aggregate.sum(SPEND, 0, 1000),
            Aggregate.sum(SPEND, 1, 1),
            Aggregate.sum(MINUTES, -5, 600),
            Aggregate.sum(MINUTES, 1, 1)),
        p.engineAggregates);
    // t = L·c/(ε/6): counts c = 1; spend is DECIMAL, so c = 1000 + 1; minutes INTEGER: 600.
    assertEquals(Rational.of(12), scale(p, 0));
    assertEquals(Rational.of(2 * 1001 * 6), scale(p, 1));
    assertEquals(Rational.of(12), scale(p, 2));
    assertEquals(Rational.of(2 * 600 * 6), scale(p, 3));
    assertEquals(Rational.of(2 * 6), scale(p, 5), "the number of groups has sensitivity L");
    assertEquals(-1, p.values.get(0).count(), "a SUM needs no count");
    assertEquals(2, p.values.get(1).count());
    assertEquals(p.values.get(0).sum(), p.values.get(1).sum(), "SUM and AVG share the sum");
    assertTrue(p.values.get(2).exact());
  }

  @Test
  void of_noGroups_oneGroupPerSubjectAndOneStatistic() {
    DpPlan p = DpPlan.of(plan(List.of(), List.of(), 10), laplace("1/2", 5), ref -> true, seeded(2));
    assertEquals(1, p.statistics.size());
    assertEquals(1, p.groupsPerSubject);
    assertEquals(Rational.of(2), scale(p, 0), "t = 1/ε: a subject is in the single group only");
    AggregationPlan e = p.aggregation("set_1");
    assertEquals(0, e.minSubjects(), "no threshold on true counts");
    assertEquals(Optional.of("set_1"), e.subjectFilter());
  }

  @Test
  void of_grouped_enginePlanBoundsGroupsPerSubjectAndDoesNotThreshold() {
    DpPlan p =
        DpPlan.of(plan(List.of(CATEGORY), List.of(), 25), laplace("1", 3), ref -> true, seeded(3));
    AggregationPlan e = p.aggregation("s");
    assertEquals(3, e.maxGroupsPerSubject());
    assertEquals(0, e.minSubjects());
    assertEquals(List.of(CATEGORY), e.groupBy());
  }

  @Test
  void of_gaussian_varianceFromTheL2Sensitivity() {
    DpRules g =
        new DpRules(
            Mechanism.GAUSSIAN,
            Rational.of(10),
            Rational.of(1, 8),
            Optional.of(Rational.of(1, 1_000_000_000)),
            RefreshPolicy.NONE,
            2);
    DpPlan p = DpPlan.of(plan(List.of(CATEGORY), List.of(), 10), g, ref -> true, seeded(4));
    // two statistics share ρ = 1/8: ρ' = 1/16. Subject counts: σ² = L·1²/(2ρ') = 16;
    // the number of groups (sensitivity L = 2, scalar): σ² = 2²/(2ρ') = 32.
    assertEquals(Rational.of(16), scale(p, 0));
    assertEquals(Rational.of(32), scale(p, 1));
  }

  @Test
  void of_boundsTooWide_refusedBeforeAnySpend() {
    QueryPlan q = plan(List.of(CATEGORY), List.of(Aggregate.sum(SPEND, 0, 1e12)), 10);
    QueryRefusedException e =
        assertThrows(
            QueryRefusedException.class, () -> DpPlan.of(q, laplace("1", 1), r -> true, seeded(5)));
    assertEquals(Rule.NOISE_OUT_OF_RANGE, e.violation().rule());
    assertTrue(e.getMessage().contains("the sum of spend"), e.getMessage());
    // Huge bounds must not overflow into a small sensitivity.
    QueryPlan huge = plan(List.of(), List.of(Aggregate.avg(SPEND, -1e300, 1e300)), 10);
    QueryRefusedException h =
        assertThrows(
            QueryRefusedException.class,
            () -> DpPlan.of(huge, laplace("1", 1), r -> false, seeded(5)));
    assertEquals(Rule.NOISE_OUT_OF_RANGE, h.violation().rule());
    assertTrue(h.getMessage().contains("below 2^40"), h.getMessage());
  }

  /** Subject 0 buys in ten categories; subjects 1-40 in one each (categories c0..c9). */
  private static InMemoryEngine purchases() {
    InMemoryEngine engine = new InMemoryEngine();
    try (TableWriter w =
        engine.createTable(
            PURCHASES.table(),
            List.of(
                new ColumnDef("category", ColumnType.DIMENSION),
                new ColumnDef("spend", ColumnType.INTEGER)))) {
      for (int c = 0; c < 10; c++) {
        w.append(Scenario.token(0), new Object[] {"c" + c, 100L});
      }
      for (int i = 1; i <= 40; i++) {
        w.append(Scenario.token(i), new Object[] {"c" + (i % 10), 1L});
      }
      w.commit();
    }
    List<byte[]> all = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      all.add(Scenario.token(i));
    }
    engine.createTokenSet("everyone", all.iterator());
    return engine;
  }

  @Test
  void aggregation_subjectInManyGroups_contributesToAtMostL() {
    try (InMemoryEngine engine = purchases()) {
      for (int l : new int[] {1, 2, 5}) {
        QueryPlan q = plan(List.of(CATEGORY), List.of(Aggregate.sum(SPEND, 0, 100)), 10);
        DpPlan p = DpPlan.of(q, laplace("1", l), ref -> true, seeded(6));
        AggregateResult r = engine.aggregate(p.aggregation("everyone"));
        long subjects = r.rows().stream().mapToLong(ResultRow::subjects).sum();
        double spend = r.rows().stream().mapToDouble(row -> row.values().getFirst()).sum();
        assertEquals(40 + l, subjects, "L = " + l);
        assertEquals(40 + 100.0 * l, spend, "subject 0's spend counted in L groups, L = " + l);
        assertEquals(0, r.suppressedRows(), "the engine thresholds nothing");
      }
    }
  }
}
