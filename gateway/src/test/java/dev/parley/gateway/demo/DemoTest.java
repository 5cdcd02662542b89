package dev.parley.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.OutputRow;
import dev.parley.cleanroom.analysis.QueryOutput;
import dev.parley.cleanroom.synth.AdvertiserRow;
import dev.parley.cleanroom.synth.SyntheticPopulation;
import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.note.NoteVerifierKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo against a real server on a temp data directory, scaled down to 2,000 people per partner:
 * results match a naive count over the population, the ledger verifies, and a second start only
 * prints the saved summary.
 */
class DemoTest {
  private static final DemoOptions SMALL = DemoOptions.of(2_000);

  @TempDir Path data;

  @Test
  void load_freshDataDir_releasesResultsMatchingNaiveCountsAndLedgerVerifies() throws Exception {
    ParleyServer server = TestServers.start(data, ProductionComponents.all());
    try {
      StringWriter first = new StringWriter();
      DemoReport report =
          Demo.load(server, data, SMALL, Clock.systemUTC(), new PrintWriter(first)).orElseThrow();
      SyntheticPopulation population = DemoScenario.population(SMALL);

      assertEquals(2_000, report.crm().rows());
      assertEquals(2_000, report.audience().rows());
      long matched = 0;
      Map<String, Long> byInterest = new TreeMap<>();
      Map<String, Long> byRfm = new TreeMap<>();
      for (long p = 0; p < SMALL.shared(); p++) {
        if (population.consents(p)) {
          matched++;
          byInterest.merge(population.interest(p), 1L, Long::sum);
          AdvertiserRow row = population.advertiserRow(p);
          byRfm.merge(row.rfmSegment(), 1L, Long::sum);
        }
      }
      QueryOutput overlap = report.overlap().result().output();
      assertEquals(matched, overlap.rows().getFirst().subjects(), "consenting shared people");
      long consentingCustomers = 0;
      for (long p = 0; p < population.advertiserCount(); p++) {
        consentingCustomers += population.consents(p) ? 1 : 0;
      }
      assertEquals(
          Optional.of((100 * matched / consentingCustomers) + "%"),
          overlap.matchRate(),
          "matched / Northwind's consenting customers, rounded down");
      assertEquals(released(byInterest), counts(report.profile().result().output()));
      assertEquals(released(byRfm), counts(report.breakdown().result().output()));
      assertEquals(
          byRfm.values().stream().filter(n -> n < DemoScenario.K).count(),
          report.breakdown().result().output().suppressedRows(),
          "small RFM segments are withheld");

      assertEquals(2, report.newKeys().size());
      assertEquals(
          2,
          server.component(AuthComponent.class).orElseThrow().apiKeys().list().stream()
              .filter(k -> k.role() == Role.PARTNER)
              .count());
      String out = first.toString();
      assertTrue(out.contains("export NORTHWIND_KEY='pk_"), out);
      assertTrue(out.contains("export DAILY_PLANET_KEY='pk_"), out);
      assertTrue(out.contains("1. Overlap, asked by northwind-retail"), out);
      assertTrue(
          out.contains(
              "./parley audit verify --log "
                  + server.baseUrl()
                  + "/ledger/ --key "
                  + data.resolve("ledger").resolve("log.vkey")),
          out);

      NoteVerifierKey key =
          NoteVerifierKey.parse(
              Files.readString(data.resolve("ledger").resolve("log.vkey"), StandardCharsets.UTF_8)
                  .trim());
      LogAudit.Report audit =
          LogAudit.verify(
              LogSource.http(java.net.URI.create(server.baseUrl() + "/ledger/")), key, null);
      assertEquals(3L, audit.countsByType().get(EntryType.QUERY_RELEASED));
      assertEquals(2L, audit.countsByType().get(EntryType.DATASET_UPLOADED));
      assertEquals(1L, audit.countsByType().get(EntryType.COLLABORATION_CREATED));
      assertEquals(2L, audit.countsByType().get(EntryType.COLLABORATION_APPROVED));
      assertTrue(report.breakdown().result().ledgerIndex() < audit.checkpoint().size());

      for (DemoReport.Released r :
          List.of(report.overlap(), report.profile(), report.breakdown())) {
        HttpResponse<String> got =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            java.net.URI.create(
                                server.baseUrl()
                                    + "/cleanroom/collaborations/"
                                    + DemoScenario.COLLABORATION
                                    + "/results/"
                                    + r.queryId()))
                        .header("Authorization", "Bearer " + report.newKeys().get(r.partner()))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, got.statusCode(), got.body());
        assertTrue(got.body().contains(r.result().outputDigest()), got.body());
      }

      StringWriter second = new StringWriter();
      assertFalse(Demo.run(server, data, SMALL, Clock.systemUTC(), new PrintWriter(second)));
      String again = second.toString();
      assertTrue(again.contains("Demo data is already loaded"), again);
      assertTrue(
          again.contains(String.join("\n", DemoSummary.results(report))), "the same summary");
      assertFalse(again.contains("pk_"), "keys are shown only once");
    } finally {
      server.stop();
    }
  }

  /** The groups a threshold of k releases, by group value. */
  private static Map<String, Long> released(Map<String, Long> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (g, n) -> {
          if (n >= DemoScenario.K) {
            out.put(g, n);
          }
        });
    return out;
  }

  private static Map<String, Long> counts(QueryOutput output) {
    Map<String, Long> out = new TreeMap<>();
    for (OutputRow row : output.rows()) {
      out.put(row.group().getFirst(), row.subjects());
    }
    return out;
  }

  @Test
  void options_outOfRange_refusedNamingTheField() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> DemoOptions.of(999));
    assertTrue(e.getMessage().startsWith("people: must be 1000-2000000"), e.getMessage());
    assertEquals(500, DemoOptions.of(1_000).shared());
  }

  @Test
  void table_alignsTextLeftAndNumbersRight() {
    List<String> lines =
        new DemoTable(1, "interest", "people")
            .row("cooking", "1,234")
            .row("gaming", "56")
            .lines("  ");
    assertEquals(
        List.of("  interest   people", "  cooking     1,234", "  gaming         56"), lines);
  }
}
