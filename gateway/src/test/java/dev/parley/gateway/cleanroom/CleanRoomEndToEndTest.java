package dev.parley.gateway.cleanroom;

import static dev.parley.gateway.cleanroom.CleanRoomScenario.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.partner.PartnerClient;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario over real HTTP with every production component: two partners upload through
 * the command line (one CSV.gz with raw emails hashed locally, one CSV blinded locally), create and
 * approve a collaboration, run an overlap and a segment profile (a one-person age band is
 * suppressed), consumers withdraw consent midway through the consent API (the next overlap counts
 * fewer), results are read back, and {@code parley audit verify} passes over the server's ledger.
 */
class CleanRoomEndToEndTest {
  @TempDir Path data;
  @TempDir Path files;

  @Test
  void scenario_twoPartnersConsentWithdrawnMidway_countsDropAndLedgerVerifies() throws Exception {
    try (CleanRoomServer s = new CleanRoomServer(data)) {
      s.grant("acme", 160, i -> true);
      s.grant("globex", 160, i -> true);
      String acme = s.key("acme");
      String globex = s.key("globex");

      Path customers =
          write(
              files,
              "customers.csv.gz",
              CleanRoomScenario.gzip(CleanRoomScenario.customersCsv(0, 120)));
      Path customersSchema = write(files, "customers.json", CleanRoomScenario.CUSTOMERS_SCHEMA);
      CleanRoomServer.Run up =
          CleanRoomServer.cli(
              "partner",
              "upload",
              customers.toString(),
              "--dataset",
              "customers",
              "--schema",
              customersSchema.toString(),
              "--part-rows",
              "50",
              "--server",
              s.url(),
              "--key",
              acme);
      assertEquals(0, up.code(), up.err());
      assertTrue(up.out().contains("uploaded customers v1: 120 rows stored"), up.out());
      assertTrue(up.out().contains("verified: SHA-256 over the 3 part digests"), up.out());
      assertTrue(up.out().contains("(receipt verified)"), up.out());
      assertTrue(Files.notExists(files.resolve("customers.csv.gz.parley-upload.json")));

      Path viewers = write(files, "viewers.csv", CleanRoomScenario.viewersCsv());
      Path viewersSchema = write(files, "viewers.json", CleanRoomScenario.VIEWERS_SCHEMA);
      CleanRoomServer.Run blind =
          CleanRoomServer.cli(
              "partner",
              "upload",
              viewers.toString(),
              "--dataset",
              "viewers",
              "--schema",
              viewersSchema.toString(),
              "--blind",
              "--part-rows",
              "40",
              "--server",
              s.url(),
              "--key",
              globex);
      assertEquals(0, blind.code(), blind.err());
      assertTrue(blind.out().contains("uploaded viewers v1: 120 rows stored"), blind.out());
      // Blinded tokens are exactly the tokens the server computes from the same emails.
      Set<String> expected = new TreeSet<>();
      for (int i = 40; i < 160; i++) {
        expected.add(HexFormat.of().formatHex(s.subject(i).bytes()));
      }
      s.assertTokens("globex", "viewers", expected);

      Path collab = write(files, "retail.json", CleanRoomScenario.COLLABORATION);
      CleanRoomServer.Run created =
          CleanRoomServer.cli(
              "partner",
              "collaborations",
              "create",
              "--file",
              collab.toString(),
              "--server",
              s.url(),
              "--key",
              acme);
      assertEquals(0, created.code(), created.err());
      assertTrue(created.out().contains("collaboration retail: pending"), created.out());
      CleanRoomServer.Run approved =
          CleanRoomServer.cli("partner", "approve", "retail", "--server", s.url(), "--key", globex);
      assertEquals(0, approved.code(), approved.err());
      assertTrue(approved.out().contains("collaboration retail: active"), approved.out());

      Path overlap = write(files, "overlap.json", CleanRoomScenario.OVERLAP);
      CleanRoomServer.Run first =
          CleanRoomServer.cli(
              "partner",
              "query",
              "retail",
              "--file",
              overlap.toString(),
              "--server",
              s.url(),
              "--key",
              acme);
      assertEquals(0, first.code(), first.err());
      assertTrue(first.out().contains("match rate: 66%"), first.out());
      assertTrue(first.out().lines().anyMatch(l -> l.strip().equals("80")), first.out());

      PartnerClient client = s.client("acme");
      JsonObject profile = query(client, CleanRoomScenario.PROFILE);
      assertEquals(1, profile.getLong("suppressedRows"), "the one-person 65+ band");
      Map<String, Long> bands = new HashMap<>();
      for (JsonValue v : profile.getArray("rows").elements()) {
        JsonObject row = (JsonObject) v;
        bands.put(((JsonString) row.getArray("group").get(0)).value(), row.getLong("subjects"));
      }
      assertEquals(Map.of("18-24", 26L, "25-34", 27L, "35-44", 26L), bands);

      for (int i = 50; i < 55; i++) {
        assertEquals(201, s.withdraw(i, "acme").statusCode());
      }
      JsonObject after = query(client, CleanRoomScenario.OVERLAP);
      assertEquals(75, ((JsonObject) after.getArray("rows").get(0)).getLong("subjects"));
      assertEquals("65%", ((JsonString) after.get("matchRate").orElseThrow()).value());

      List<JsonValue> results =
          client
              .get("/cleanroom/collaborations/retail/results")
              .body()
              .getArray("results")
              .elements();
      assertEquals(3, results.size());
      assertEquals(after.getString("queryId"), ((JsonObject) results.get(0)).getString("queryId"));
      CleanRoomServer.Run listed =
          CleanRoomServer.cli("partner", "results", "retail", "--server", s.url(), "--key", acme);
      assertEquals(0, listed.code(), listed.err());
      assertEquals(3 + 2, listed.out().lines().count(), listed.out());
      CleanRoomServer.Run shown =
          CleanRoomServer.cli(
              "partner",
              "results",
              "retail",
              profile.getString("queryId"),
              "--server",
              s.url(),
              "--key",
              acme);
      assertTrue(shown.out().contains("suppressed rows: 1"), shown.out());
      assertTrue(shown.out().contains("avg(acme/customers.spend)"), shown.out());

      String vkey = client.text("/ledger/vkey").trim();
      CleanRoomServer.Run audit =
          CleanRoomServer.cli("audit", "verify", "--log", s.url() + "/ledger/", "--key", vkey);
      assertEquals(0, audit.code(), audit.err());
      assertTrue(audit.out().matches("(?s).*dataset\\.uploaded\\s+2\\n.*"), audit.out());
      assertTrue(audit.out().matches("(?s).*query\\.released\\s+3\\n.*"), audit.out());
    }
  }

  static JsonObject query(PartnerClient client, String request) throws Exception {
    return client
        .post(
            "/cleanroom/collaborations/retail/queries",
            Jcs.parse(request.getBytes(StandardCharsets.UTF_8)))
        .body();
  }
}
