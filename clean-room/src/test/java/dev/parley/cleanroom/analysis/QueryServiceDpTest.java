package dev.parley.cleanroom.analysis;

import static dev.parley.cleanroom.analysis.QueryServiceContract.BREAKDOWN;
import static dev.parley.cleanroom.analysis.QueryServiceContract.OVERLAP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.ConfidenceIntervals;
import dev.parley.cleanroom.dp.LaplaceScale;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.PrivacyJson;
import dev.parley.cleanroom.dp.PrivacyRelease;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.cleanroom.engine.TableWriter;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differentially private queries end to end on DuckDB, a real ledger and consent store (the data of
 * {@link Scenario}: 110 consented joined subjects, k = 10). Each test uses its own collaboration,
 * so budgets do not interfere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryServiceDpTest {
  private Scenario scenario;
  private CountingEngine engine;
  private DatasetCatalog catalog;
  private QueryService service;

  /** Counts aggregations, to show that a refused query never reaches the engine. */
  private static final class CountingEngine implements AnalyticEngine {
    final AnalyticEngine inner;
    final AtomicInteger aggregations = new AtomicInteger();

    CountingEngine(AnalyticEngine inner) {
      this.inner = inner;
    }

    @Override
    public TableWriter createTable(String table, List<ColumnDef> columns) {
      return inner.createTable(table, columns);
    }

    @Override
    public AggregateResult aggregate(AggregationPlan plan) {
      aggregations.incrementAndGet();
      return inner.aggregate(plan);
    }

    @Override
    public void createTokenSet(String name, Iterator<byte[]> tokens) {
      inner.createTokenSet(name, tokens);
    }

    @Override
    public void dropTokenSet(String name) {
      inner.dropTokenSet(name);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @BeforeAll
  void setUp(@TempDir Path data) throws Exception {
    scenario = new Scenario(data);
    engine = new CountingEngine(DuckDbEngine.open(data));
    catalog = Scenario.load(engine);
    service =
        new QueryService(
            scenario.collaborations,
            catalog,
            engine,
            scenario.consent,
            scenario.ledger,
            java.time.Clock.fixed(Scenario.T0.plusSeconds(86_400), java.time.ZoneOffset.UTC),
            DpPlanTest.seeded(2026));
  }

  @AfterAll
  void tearDown() throws Exception {
    engine.close();
    scenario.close();
  }

  private void collaboration(String id, DpRules dp) {
    AnalysisRules rules =
        AnalysisRules.builder()
            .dataset(Scenario.CUSTOMERS, d -> d.dimensions("region").metric("spend", 0, 1000))
            .dataset(Scenario.VIEWERS, d -> d.dimensions("age_band").metric("minutes", 0, 600))
            .allow(AggregateFunction.SUM, AggregateFunction.AVG)
            .minAggregationThreshold(Scenario.K)
            .dp(dp)
            .build();
    scenario.collaborations.create(
        "acme", id, List.of("acme", "globex"), Purpose.AUDIENCE_INSIGHTS, rules);
    scenario.collaborations.approve(id, "globex", rules.hash());
  }

  private static DpRules laplace(String budget, String perQuery, int groups) {
    return new DpRules(
        Mechanism.LAPLACE,
        Rational.parse(budget),
        Rational.parse(perQuery),
        Optional.empty(),
        RefreshPolicy.NONE,
        groups);
  }

  private QueryResult run(QueryService s, String collaboration, String json) {
    return s.run("acme", collaboration, json.getBytes(StandardCharsets.UTF_8));
  }

  private LedgerEntry entry(long index) throws Exception {
    return LedgerEntry.decode(scenario.ledger.reader().entry(index));
  }

  /** The auditor's view: every budget replayed from the ledger's entries alone. */
  private LedgerBudgets.Result replayWholeLedger() throws Exception {
    LedgerBudgets b = LedgerBudgets.wholeLedger();
    for (long i = 0; i < scenario.ledgerSize(); i++) {
      b.accept(i, entry(i));
    }
    return b.finish(Instant.now());
  }

  private static long halfWidth95(Rational t) {
    return ConfidenceIntervals.laplaceHalfWidth(
        LaplaceScale.of(t), ConfidenceIntervals.NINETY_FIVE_PERCENT);
  }

  @Test
  void run_overlap_noisyCountWithScaleIntervalAndPrivacyOnTheLedger() throws Exception {
    collaboration("dp-overlap", laplace("10", "1", 2));
    QueryResult r = run(service, "dp-overlap", OVERLAP);
    QueryOutput o = r.output();
    ReleasePrivacy p = o.privacy().orElseThrow();
    assertEquals(
        new ReleasePrivacy(
            Mechanism.LAPLACE, Rational.ONE, 1, 1, Scenario.K, Optional.empty(), Rational.of(9)),
        p);
    OutputRow row = o.rows().getFirst();
    CellNoise cell = row.noise().orElseThrow().subjects();
    assertEquals(Rational.ONE, cell.scale(), "t = Δ/ε = 1/1 without groups");
    long k = halfWidth95(Rational.ONE);
    assertEquals((double) (row.subjects() - k), cell.low());
    assertEquals((double) (row.subjects() + k), cell.high());
    assertTrue(Math.abs(row.subjects() - 110) <= 30, "110 plus Lap(1) noise: " + row.subjects());
    assertTrue(o.matchRate().isPresent());

    JsonObject body = entry(r.ledgerIndex()).body();
    assertEquals(
        PrivacyJson.toJson(
            new PrivacyRelease(
                Mechanism.LAPLACE,
                Rational.ONE,
                Optional.empty(),
                Rational.of(10),
                Rational.ZERO,
                RefreshPolicy.NONE,
                Optional.empty())),
        body.getObject("privacy"));
    assertEquals(o.digest(), body.getString("outputDigest"));
    assertTrue(
        new String(o.toJson().canonicalBytes(), StandardCharsets.UTF_8)
            .contains("\"interval95\":["));

    QueryResult again = run(service, "dp-overlap", OVERLAP);
    assertEquals(
        "1", entry(again.ledgerIndex()).body().getObject("privacy").getString("spentBefore"));
    assertEquals(Rational.of(8), again.output().privacy().orElseThrow().remainingBudget());
  }

  @Test
  void run_breakdown_everyCellNoisyAndRowsThresholdedOnNoisyCounts() throws Exception {
    collaboration("dp-breakdown", laplace("10", "1", 1));
    QueryResult r = run(service, "dp-breakdown", BREAKDOWN);
    QueryOutput o = r.output();
    ReleasePrivacy p = o.privacy().orElseThrow();
    // subjects, sum(spend), sum(minutes), count(minutes), number of groups
    assertEquals(5, p.statistics());
    assertTrue(p.selectionDelta().isPresent(), "group keys come from the data");
    for (OutputRow row : o.rows()) {
      RowNoise n = row.noise().orElseThrow();
      assertTrue(row.subjects() >= Scenario.K, "threshold on the noisy count: " + row);
      assertEquals(Rational.of(5), n.subjects().scale());
      assertEquals(2, n.values().size());
      assertEquals(Rational.of(5 * 1001), n.values().get(0).scale(), "spend is DECIMAL");
      assertEquals(Rational.of(5 * 600), n.values().get(1).scale(), "minutes is INTEGER");
      assertEquals(Optional.of(Rational.of(5)), n.values().get(1).denominatorScale());
      double avg = row.values().get(1) == null ? 300 : row.values().get(1);
      assertTrue(avg >= 0 && avg <= 600, "a mean stays within the bounds");
      assertEquals(
          (double) halfWidth95(Rational.of(5 * 1001)),
          (n.values().get(0).high() - n.values().get(0).low()) / 2);
    }
    assertTrue(o.rows().size() >= 4, "most of the six groups of ~18 subjects pass k = 10");
    LedgerEntry e = entry(r.ledgerIndex());
    assertEquals(o.suppressedRows(), e.body().getLong("suppressed"));
  }

  @Test
  void run_budgetExhausted_refusedBeforeRunningAndNothingAppended() {
    collaboration("dp-small", laplace("1", "1/2", 1));
    run(service, "dp-small", OVERLAP);
    run(service, "dp-small", OVERLAP);
    long size = scenario.ledgerSize();
    int aggregations = engine.aggregations.get();
    QueryRefusedException e =
        assertThrows(QueryRefusedException.class, () -> run(service, "dp-small", OVERLAP));
    assertEquals(Rule.BUDGET_EXHAUSTED, e.violation().rule());
    assertTrue(e.getMessage().contains("remaining ε 0"), e.getMessage());
    assertTrue(e.getMessage().contains("only 0 of 1 remains"), e.getMessage());
    assertEquals(size, scenario.ledgerSize(), "nothing appended");
    assertEquals(aggregations, engine.aggregations.get(), "nothing ran");
    assertEquals(Optional.of(Rational.ZERO), service.remainingBudget("dp-small"));
  }

  @Test
  void remainingBudget_replayedFromLedgerAlone_equalsTheServersAndARestartedServers()
      throws Exception {
    collaboration("dp-replay", laplace("7", "3/4", 2));
    for (String json : List.of(OVERLAP, BREAKDOWN, OVERLAP)) {
      run(service, "dp-replay", json);
    }
    LedgerBudgets.Result audit = replayWholeLedger();
    assertEquals(List.of(), audit.problems());
    LedgerBudgets.Budget b = audit.budget("dp-replay").orElseThrow();
    assertEquals(3, b.records().size());
    assertEquals(Rational.parse("19/4"), b.report().remaining());
    assertEquals(Optional.of(b.report().remaining()), service.remainingBudget("dp-replay"));
    QueryService restarted =
        new QueryService(
            scenario.collaborations,
            catalog,
            engine,
            scenario.consent,
            scenario.ledger,
            java.time.Clock.fixed(Scenario.T0.plusSeconds(86_400), java.time.ZoneOffset.UTC));
    assertEquals(Optional.of(b.report().remaining()), restarted.remainingBudget("dp-replay"));
    QueryResult next = run(restarted, "dp-replay", OVERLAP);
    assertEquals(
        "9/4", entry(next.ledgerIndex()).body().getObject("privacy").getString("spentBefore"));
    assertEquals(Optional.of(Rational.of(4)), restarted.remainingBudget("dp-replay"));
    assertEquals(
        Rational.of(4), replayWholeLedger().budget("dp-replay").orElseThrow().report().remaining());
  }

  @Test
  void run_concurrentQueries_neverOverspendAndLedgerStaysConsistent() throws Exception {
    collaboration("dp-race", laplace("3", "1", 1));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      results.add(
          pool.submit(
              () -> {
                try {
                  run(service, "dp-race", OVERLAP);
                  return true;
                } catch (QueryRefusedException e) {
                  return false;
                }
              }));
    }
    int granted = 0;
    for (Future<Boolean> f : results) {
      granted += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(3, granted);
    LedgerBudgets.Result audit = replayWholeLedger();
    assertEquals(List.of(), audit.problems());
    assertEquals(Rational.ZERO, audit.budget("dp-race").orElseThrow().report().remaining());
  }

  @Test
  void run_gaussian_varianceAndRhoOnTheLedger() throws Exception {
    collaboration(
        "dp-gauss",
        new DpRules(
            Mechanism.GAUSSIAN,
            Rational.of(10),
            Rational.of(1, 8),
            Optional.of(Rational.of(1, 1_000_000_000)),
            RefreshPolicy.NONE,
            1));
    QueryResult r = run(service, "dp-gauss", OVERLAP);
    CellNoise cell = r.output().rows().getFirst().noise().orElseThrow().subjects();
    assertEquals(Mechanism.GAUSSIAN, cell.mechanism());
    assertEquals(Rational.of(4), cell.scale(), "σ² = 1²/(2·1/8)");
    JsonObject privacy = entry(r.ledgerIndex()).body().getObject("privacy");
    assertEquals("1/8", privacy.getString("rho"));
    assertEquals("1/1000000000", privacy.getString("delta"));
  }

  @Test
  void run_withoutDp_outputAndEntryUnchanged() throws Exception {
    QueryResult r = run(service, "retail-media", OVERLAP);
    assertEquals(Optional.empty(), r.output().privacy());
    assertEquals(110, r.output().rows().getFirst().subjects());
    assertFalse(entry(r.ledgerIndex()).body().get("privacy").isPresent());
    assertFalse(
        new String(r.output().toJson().canonicalBytes(), StandardCharsets.UTF_8).contains("noise"));
    assertNotEquals(Optional.empty(), r.output().matchRate());
  }
}
