package dev.parley.gateway.cleanroom;

import static dev.parley.gateway.cleanroom.CleanRoomScenario.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.partner.PartnerClient;
import dev.parley.gateway.partner.Uploader;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The attacks over real HTTP, against an active collaboration of acme and globex: requests
 * for tokens or identifiers, a dimension value with one member, a grouping that isolates people, a
 * partner querying a collaboration it is not in, and a partner reaching for another's uploads and
 * results. Each is refused (naming the field, or 404 as if the resource did not exist) or
 * suppressed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CleanRoomAttacksTest {
  private Path dir;
  private CleanRoomServer s;
  private String acmeKey;
  private String globexKey;
  private String initechKey;

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory("parley-attacks");
    s = new CleanRoomServer(dir.resolve("data"));
    s.grant("acme", 160, i -> true);
    s.grant("globex", 160, i -> true);
    acmeKey = s.key("acme");
    globexKey = s.key("globex");
    initechKey = s.key("initech");
    upload(
        "acme",
        "customers",
        CleanRoomScenario.customersCsv(0, 120),
        CleanRoomScenario.CUSTOMERS_SCHEMA);
    upload("globex", "viewers", CleanRoomScenario.viewersCsv(), CleanRoomScenario.VIEWERS_SCHEMA);
    assertEquals(
        201,
        post(acmeKey, "/cleanroom/collaborations", CleanRoomScenario.COLLABORATION).statusCode());
    JsonObject c = s.client("globex").get("/cleanroom/collaborations/retail").body();
    String approve = "{\"rulesHash\":\"" + c.getString("rulesHash") + "\"}";
    assertEquals(
        200, post(globexKey, "/cleanroom/collaborations/retail/approvals", approve).statusCode());
  }

  private void upload(String partner, String dataset, byte[] csv, String schema) throws Exception {
    Path file = write(dir, dataset + ".csv", csv);
    new Uploader(
            s.client(partner),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            System::nanoTime)
        .run(
            new Uploader.Options(
                file, dataset, schema, false, Optional.empty(), 0, 1000, Optional.empty(), 0));
  }

  @AfterAll
  void tearDown() throws Exception {
    s.close();
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private HttpResponse<String> post(String key, String path, String json) throws Exception {
    return s.send(key, "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String key, String path) throws Exception {
    return s.send(key, "GET", path, null, null);
  }

  private static JsonObject json(HttpResponse<String> r) {
    return (JsonObject) Jcs.parse(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> query(String key, String request) throws Exception {
    return post(key, "/cleanroom/collaborations/retail/queries", request);
  }

  @Test
  void query_identifierOrTokenAsDimension_refused400NamingTheField() throws Exception {
    for (String column : new String[] {"email", "token"}) {
      HttpResponse<String> r =
          query(
              acmeKey, CleanRoomScenario.PROFILE.replace("[\"age_band\"]", "[\"" + column + "\"]"));
      assertEquals(400, r.statusCode(), r.body());
      JsonObject p = json(r);
      assertEquals("IDENTIFIER_COLUMN", p.getString("rule"), r.body());
      assertEquals("profile.dimensions[0]", p.getString("field"), r.body());
      assertTrue(p.getString("detail").startsWith("profile.dimensions[0]: "), r.body());
    }
  }

  @Test
  void query_tokenAsMetric_refused400NamingTheField() throws Exception {
    String request =
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"}],
         "metrics": [{"aggregate": "sum", "partner": "globex", "dataset": "viewers",
                      "column": "token"}]}
        """;
    HttpResponse<String> r = query(acmeKey, request);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("metrics[0].column", json(r).getString("field"), r.body());
  }

  @Test
  void query_dimensionValueWithOneMember_suppressedNeverReleased() throws Exception {
    HttpResponse<String> r = query(acmeKey, CleanRoomScenario.PROFILE);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(1, json(r).getLong("suppressedRows"));
    assertFalse(r.body().contains("65+"), r.body());
  }

  @Test
  void query_groupingThatIsolatesPeople_everyReleasedRowHasAtLeastK() throws Exception {
    // Region x age band x ... cells: some are tiny; none may come out.
    String request =
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"}],
         "groupBy": [{"partner": "acme", "dataset": "customers", "column": "region"},
                     {"partner": "globex", "dataset": "viewers", "column": "age_band"}],
         "metrics": [{"aggregate": "sum", "partner": "acme", "dataset": "customers",
                      "column": "spend"}]}
        """;
    HttpResponse<String> r = query(acmeKey, request);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject out = json(r);
    assertTrue(out.getLong("suppressedRows") >= 1, r.body());
    for (JsonValue v : out.getArray("rows").elements()) {
      assertTrue(((JsonObject) v).getLong("subjects") >= CleanRoomScenario.K, r.body());
    }
  }

  @Test
  void query_dimensionNotInRules_refused400() throws Exception {
    HttpResponse<String> r =
        query(acmeKey, CleanRoomScenario.PROFILE.replace("[\"age_band\"]", "[\"minutes\"]"));
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("DIMENSION_NOT_ALLOWED", json(r).getString("rule"), r.body());
  }

  @Test
  void query_malformed_400NamingTheField() throws Exception {
    HttpResponse<String> r = query(acmeKey, "{\"type\": \"overlap\", \"datasets\": [], \"x\": 1}");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(json(r).getString("detail").contains("x"), r.body());
  }

  @Test
  void nonMember_collaborationIsInvisible_404Everywhere() throws Exception {
    String base = "/cleanroom/collaborations/retail";
    HttpResponse<String> missing = get(initechKey, "/cleanroom/collaborations/nope");
    assertEquals(404, missing.statusCode());
    assertEquals(404, get(initechKey, base).statusCode());
    assertEquals(404, query(initechKey, CleanRoomScenario.OVERLAP).statusCode());
    assertEquals(404, get(initechKey, base + "/results").statusCode());
    assertEquals(404, post(initechKey, base + "/approvals", "{\"rulesHash\":\"00\"}").statusCode());
    assertEquals("{\"collaborations\":[]}", get(initechKey, "/cleanroom/collaborations").body());
    // The same answer whether or not the collaboration exists (only the echoed id differs).
    assertEquals(json(missing).getString("title"), json(get(initechKey, base)).getString("title"));
  }

  @Test
  void otherPartner_cannotSeeUploadsOrResults() throws Exception {
    PartnerClient acme = s.client("acme");
    String begin =
        "{\"dataset\":\"more\",\"schema\":{\"identifiers\":[{\"name\":\"email\",\"type\":\"EMAIL_SHA256\"}]}}";
    HttpResponse<String> begun = post(acmeKey, "/cleanroom/uploads", begin);
    assertEquals(201, begun.statusCode(), begun.body());
    String upload = json(begun).getString("upload");
    assertEquals(404, get(globexKey, "/cleanroom/uploads/" + upload).statusCode());
    assertEquals(
        404,
        s.send(globexKey, "POST", "/cleanroom/uploads/" + upload + "/complete", null, null)
            .statusCode());
    HttpResponse<String> part =
        s.sendWithHeader(
            globexKey,
            "PUT",
            "/cleanroom/uploads/" + upload + "/parts/1",
            "text/csv",
            "email\n".getBytes(StandardCharsets.UTF_8),
            "Parley-First-Row",
            "1");
    assertEquals(404, part.statusCode(), part.body());
    assertEquals(200, get(acmeKey, "/cleanroom/uploads/" + upload).statusCode());

    String queryId =
        CleanRoomEndToEndTest.query(acme, CleanRoomScenario.OVERLAP).getString("queryId");
    String path = "/cleanroom/collaborations/retail/results";
    assertEquals(200, get(acmeKey, path + "/" + queryId).statusCode());
    assertEquals(404, get(globexKey, path + "/" + queryId).statusCode());
    assertFalse(get(globexKey, path).body().contains(queryId));
    String datasets = get(globexKey, "/cleanroom/datasets").body();
    assertTrue(datasets.contains("viewers") && !datasets.contains("customers"), datasets);
  }

  @Test
  void nonPartners_refused() throws Exception {
    assertEquals(401, s.send(null, "GET", "/cleanroom/datasets", null, null).statusCode());
    assertEquals(
        401,
        s.send(null, "POST", "/cleanroom/collaborations/retail/queries", null, null).statusCode());
  }
}
