package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query service end to end on a real ledger and consent store, against any engine that meets
 * the contract (see {@link Scenario} for the data). One scenario per class keeps the run short; a
 * test that changes consent restores it before it ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryServiceContract {
  static final String OVERLAP =
      """
      {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                       {"partner": "globex", "dataset": "viewers"}]}
      """;
  static final String PROFILE =
      """
      {"type": "segmentProfile",
       "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["age_band"]},
       "among": {"partner": "acme", "dataset": "customers"},
       "metrics": [{"aggregate": "avg", "partner": "acme", "dataset": "customers",
                    "column": "spend"}]}
      """;
  static final String BREAKDOWN =
      """
      {"type": "metricBreakdown",
       "datasets": [{"partner": "acme", "dataset": "customers"},
                    {"partner": "globex", "dataset": "viewers"}],
       "groupBy": [{"partner": "acme", "dataset": "customers", "column": "region"},
                   {"partner": "globex", "dataset": "viewers", "column": "age_band"}],
       "metrics": [{"aggregate": "sum", "partner": "acme", "dataset": "customers",
                    "column": "spend"},
                   {"aggregate": "avg", "partner": "globex", "dataset": "viewers",
                    "column": "minutes"}]}
      """;

  Scenario scenario;
  AnalyticEngine engine;
  QueryService service;
  DatasetCatalog catalog;

  abstract AnalyticEngine newEngine(Path dir) throws Exception;

  @BeforeAll
  void setUp(@TempDir Path data) throws Exception {
    scenario = new Scenario(data);
    engine = newEngine(data);
    catalog = Scenario.load(engine);
    service = scenario.service(engine, catalog);
  }

  @AfterAll
  void tearDown() throws Exception {
    engine.close();
    scenario.close();
  }

  QueryResult run(String partner, String json) {
    return service.run(partner, "retail-media", json.getBytes(StandardCharsets.UTF_8));
  }

  /** The age band of a subject of globex/viewers. */
  static String band(int i) {
    return i == 41 ? "65+" : new String[] {"18-24", "25-34", "35-44"}[i % 3];
  }

  @Test
  void overlap_countsSubjectsConsentedByBothAndBucketsRate() {
    QueryResult acme = run("acme", OVERLAP);
    assertEquals(1, acme.output().rows().size());
    assertEquals(110, acme.output().rows().get(0).subjects());
    assertEquals(Optional.of("73%"), acme.output().matchRate(), "110 of acme's 150");
    QueryResult globex = run("globex", OVERLAP);
    assertEquals(Optional.of("68%"), globex.output().matchRate(), "110 of globex's 160");
  }

  @Test
  void overlap_afterWithdrawal_countsOneFewer() {
    assertEquals(110, run("acme", OVERLAP).output().rows().get(0).subjects());
    scenario.consent.record(
        Scenario.decision(45, "globex", ConsentStatus.WITHDRAWN, Scenario.T0.plusSeconds(3600)));
    QueryResult after = run("acme", OVERLAP);
    assertEquals(109, after.output().rows().get(0).subjects());
    QueryResult profile = run("acme", PROFILE);
    assertEquals(List.of("18-24"), profile.output().rows().get(0).group());
    assertEquals(35, profile.output().rows().get(0).subjects(), "subject 45 was 18-24");
    scenario.consent.record(
        Scenario.decision(45, "globex", ConsentStatus.GIVEN, Scenario.T0.plusSeconds(7200)));
    assertEquals(110, run("acme", OVERLAP).output().rows().get(0).subjects(), "consent again");
  }

  @Test
  void segmentProfile_singleMemberValueSuppressedAndCounted() {
    QueryResult r = run("acme", PROFILE);
    QueryOutput o = r.output();
    assertEquals(List.of("globex/viewers.age_band"), o.groupColumns());
    assertEquals(List.of("avg(acme/customers.spend)"), o.valueColumns());
    List<OutputRow> expected = new ArrayList<>();
    for (String b : List.of("18-24", "25-34", "35-44")) {
      int[] members = IntStream.range(40, 150).filter(i -> band(i).equals(b)).toArray();
      double avg =
          IntStream.of(members).mapToDouble(i -> Math.min(1000, 10.0 * i)).average().orElseThrow();
      expected.add(new OutputRow(List.of(b), members.length, List.of(avg)));
    }
    assertEquals(expected.size(), o.rows().size());
    for (int i = 0; i < expected.size(); i++) {
      OutputRow e = expected.get(i);
      OutputRow a = o.rows().get(i);
      assertEquals(e.group(), a.group());
      assertEquals(e.subjects(), a.subjects());
      assertEquals(e.values().get(0), a.values().get(0), 1e-9);
    }
    assertEquals(1, o.suppressedRows(), "the 65+ band has one subject");
    assertTrue(o.rows().stream().noneMatch(row -> row.group().contains("65+")));
    assertEquals(Optional.empty(), o.matchRate());
  }

  @Test
  void metricBreakdown_groupIsolatingOnePersonSuppressed() {
    QueryOutput o = run("globex", BREAKDOWN).output();
    assertEquals(6, o.rows().size(), "east/west x three bands");
    assertEquals(1, o.suppressedRows(), "west x 65+ isolates subject 41");
    for (OutputRow row : o.rows()) {
      String region = row.group().get(0);
      String b = row.group().get(1);
      int[] members =
          IntStream.range(40, 150)
              .filter(i -> band(i).equals(b) && (i % 2 == 0 ? "east" : "west").equals(region))
              .toArray();
      assertEquals(members.length, row.subjects(), row.toString());
      assertTrue(row.subjects() >= Scenario.K);
      assertEquals(
          IntStream.of(members).mapToDouble(i -> Math.min(1000, 10.0 * i)).sum(),
          row.values().get(0),
          1e-6,
          "spend clamped to 1000");
      assertEquals(
          IntStream.of(members).average().orElseThrow(), row.values().get(1), 1e-9, "minutes");
    }
  }

  @Test
  void run_recordsReleaseOnLedgerWithItsFields() throws Exception {
    long before = scenario.ledgerSize();
    QueryResult r = run("acme", PROFILE);
    assertEquals(before, r.consentSize(), "S is the ledger size when the query started");
    assertEquals(before, r.ledgerIndex());
    LedgerEntry e = LedgerEntry.decode(scenario.ledger.reader().entry(r.ledgerIndex()));
    assertEquals(EntryType.QUERY_RELEASED, e.type());
    JsonObject b = e.body();
    assertEquals("retail-media", b.getString("collaboration"));
    assertEquals("acme", b.getString("partner"));
    assertEquals("audience-insights", b.getString("purpose"));
    assertEquals(
        RequestJson.parse(PROFILE.getBytes(StandardCharsets.UTF_8)).hash(),
        b.getString("requestHash"));
    assertEquals(r.requestHash(), b.getString("requestHash"));
    assertEquals(r.output().digest(), b.getString("outputDigest"));
    assertEquals(r.outputDigest(), b.getString("outputDigest"));
    assertEquals(before, b.getLong("consentSize"));
    assertEquals(1, b.getLong("suppressed"));

    String entryText =
        new String(scenario.ledger.reader().entry(r.ledgerIndex()), StandardCharsets.UTF_8);
    String outputText = new String(r.output().toJson().canonicalBytes(), StandardCharsets.UTF_8);
    for (int i = 0; i < 200; i++) {
      byte[] t = Scenario.token(i);
      for (String form :
          List.of(
              HexFormat.of().formatHex(t),
              Base64.getEncoder().encodeToString(t),
              Base64.getUrlEncoder().withoutPadding().encodeToString(t))) {
        assertFalse(entryText.contains(form), "no token on the ledger");
        assertFalse(outputText.contains(form), "no token in the output");
      }
    }
  }

  @Test
  void run_nonMember_refusedAndNothingRecorded() {
    long before = scenario.ledgerSize();
    QueryRefusedException e =
        assertThrows(QueryRefusedException.class, () -> run("initech", OVERLAP));
    assertEquals(Rule.NOT_A_MEMBER, e.violation().rule());
    QueryRefusedException unknown =
        assertThrows(
            QueryRefusedException.class,
            () -> service.run("acme", "no-such-collab", OVERLAP.getBytes(StandardCharsets.UTF_8)));
    assertEquals(Rule.NOT_A_MEMBER, unknown.violation().rule());
    assertEquals(before, scenario.ledgerSize());
  }

  @Test
  void run_tokenColumnRequested_refusedAndNothingRecorded() {
    long before = scenario.ledgerSize();
    QueryRefusedException e =
        assertThrows(
            QueryRefusedException.class, () -> run("acme", PROFILE.replace("age_band", "token")));
    assertEquals(Rule.IDENTIFIER_COLUMN, e.violation().rule());
    assertEquals(before, scenario.ledgerSize());
  }

  @Test
  void run_sameRequestTwice_sameDigestsAndTwoEntries() {
    QueryResult a = run("acme", BREAKDOWN);
    QueryResult b = run("acme", BREAKDOWN);
    assertEquals(a.requestHash(), b.requestHash());
    assertEquals(a.outputDigest(), b.outputDigest());
    assertEquals(a.ledgerIndex() + 1, b.ledgerIndex());
  }
}
