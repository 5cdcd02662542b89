package dev.parley.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.ConsentState;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.purpose.Purpose;
import dev.parley.gateway.consent.ConsentApiServer.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partners' TCF import and auditors' SPARQL over real HTTP. */
class TcfAndSparqlRoutesTest {
  private static final Instant UPDATED = Instant.parse("2026-02-01T12:00:00Z");
  private static final String SPARQL = "application/sparql-query";

  @TempDir Path data;
  private ConsentApiServer api;
  private Map<String, String> tc;

  @BeforeEach
  void start() throws Exception {
    api = new ConsentApiServer(data, Duration.ofSeconds(1));
    tc = ConsentApiServer.tcStrings();
  }

  @AfterEach
  void stop() throws Exception {
    api.stop();
  }

  private static String line(int subject, String tcString) {
    return new JsonObject()
        .put("subject", ConsentApiServer.token(subject).toBase64Url())
        .put("tcString", tcString)
        .encode();
  }

  private HttpResponse<String> sparql(Caller c, String query) throws Exception {
    return api.send(c, "POST", "/consent/sparql", SPARQL, query);
  }

  @Test
  void tcf_goodAndBadStrings_goodAppliedBadReportedByPosition() throws Exception {
    String body =
        "{\"validityDays\":390,\"records\":["
            + String.join(
                ",",
                line(1, tc.get("all-purposes-vendor-755")),
                line(2, "not a tc string!"),
                line(3, tc.get("policy-2-purposes-2-7-8-vendor-755")),
                line(4, tc.get("purposes-2-7-8-vendor-755")),
                line(5, tc.get("all-purposes-vendor-12")))
            + "]}";
    HttpResponse<String> r = api.postJson(api.partner("acme"), "/consent/tcf", body);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject out = new JsonObject(r.body());
    assertEquals(3, out.getInteger("applied"));
    JsonArray rejected = out.getJsonArray("rejected");
    assertEquals(
        List.of(1, 2),
        rejected.stream().map(o -> ((JsonObject) o).getInteger("position")).toList());
    assertTrue(
        rejected.getJsonObject(0).getString("reason").startsWith("not a decodable TC string"));
    assertTrue(rejected.getJsonObject(1).getString("reason").contains("TcfPolicyVersion 2"));
    assertFalse(r.body().contains("not a tc string!"), "bad strings are never echoed");

    Instant now = api.clock.instant();
    List<ConsentState> s1 = api.store().currentState(ConsentApiServer.token(1), now);
    assertEquals(7, s1.size());
    assertTrue(s1.stream().allMatch(ConsentState::active));
    assertEquals(UPDATED.plus(Duration.ofDays(390)), s1.get(0).expires().orElseThrow());
    List<ConsentState> s4 = api.store().currentState(ConsentApiServer.token(4), now);
    assertEquals(
        List.of(Purpose.MEASUREMENT, Purpose.BASIC_ADS),
        s4.stream().filter(ConsentState::active).map(ConsentState::purpose).toList());
    assertTrue(
        api.store().currentState(ConsentApiServer.token(5), now).stream()
            .allMatch(s -> s.status() == ConsentStatus.REFUSED),
        "vendor 755 has no consent in that string");
    assertTrue(api.store().history(ConsentApiServer.token(2)).isEmpty());
    assertTrue(api.store().history(ConsentApiServer.token(3)).isEmpty());
  }

  @Test
  void tcf_malformedBody_400NamingTheRecordAndNothingImported() throws Exception {
    Caller acme = api.partner("acme");
    long ledgerBefore = api.ledger().latest().checkpoint().size();
    String good = line(1, tc.get("all-purposes-vendor-755"));
    Map<String, String> cases =
        Map.of(
            "{\"records\":[" + good + ",{\"subject\":\"!!\",\"tcString\":\"x\"}]}",
            "records[1].subject: not unpadded base64url",
            "{\"records\":["
                + good
                + ","
                + good
                + ",{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"tcString\":7}]}",
            "records[2].tcString: must be a string, got a number",
            "{\"records\":["
                + good
                + ",{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"tcString\":\"x\",\"extra\":1}]}",
            "records[1].extra: unknown field",
            "{\"validityDays\":0,\"records\":[" + good + "]}",
            "validityDays: must be an integer 1-3650, got 0",
            "{\"records\":[]}",
            "records: must hold 1-10000 items, got 0");
    for (var e : cases.entrySet()) {
      HttpResponse<String> r = api.postJson(acme, "/consent/tcf", e.getKey());
      assertEquals(400, r.statusCode(), r.body());
      String detail = new JsonObject(r.body()).getString("detail");
      assertTrue(detail.startsWith(e.getValue()), detail);
    }
    assertEquals(ledgerBefore, api.ledger().latest().checkpoint().size());
    assertTrue(api.store().history(ConsentApiServer.token(1)).isEmpty());
  }

  @Test
  void tcf_partnerNotRegisteredInConsentStore_400() throws Exception {
    HttpResponse<String> r =
        api.postJson(
            api.partner("initech"),
            "/consent/tcf",
            "{\"records\":[" + line(1, tc.get("all-purposes-vendor-755")) + "]}");
    assertEquals(400, r.statusCode());
    assertTrue(new JsonObject(r.body()).getString("detail").contains("not registered"), r.body());
  }

  @Test
  void sparql_selectAndAsk_answerResultsJson_commitmentsNotTokens() throws Exception {
    var c = api.consumer(1);
    api.postJson(
        c.caller(),
        c.path() + "/decisions",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\"}");
    Caller auditor = api.auditor();
    HttpResponse<String> r =
        sparql(
            auditor,
            "PREFIX dpv: <https://w3id.org/dpv#> "
                + "SELECT ?s WHERE { ?r a dpv:Consent ; dpv:hasDataSubject ?s }");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "application/sparql-results+json", r.headers().firstValue("content-type").orElseThrow());
    assertTrue(r.headers().firstValue("x-parley-truncated").isEmpty());
    JsonArray rows = new JsonObject(r.body()).getJsonObject("results").getJsonArray("bindings");
    assertEquals(1, rows.size());
    String commitment = api.store().commitment(c.subject()).orElseThrow();
    assertEquals(
        "urn:parley:subject:" + commitment,
        rows.getJsonObject(0).getJsonObject("s").getString("value"));

    HttpResponse<String> ask = sparql(auditor, "ASK { ?s ?p ?o }");
    assertEquals(200, ask.statusCode());
    assertTrue(new JsonObject(ask.body()).getBoolean("boolean"));
  }

  @Test
  void sparql_updateConstructAndBadMediaType_refusedWithReason() throws Exception {
    Caller auditor = api.auditor();
    long before = api.store().tripleCount();
    HttpResponse<String> update = sparql(auditor, "INSERT DATA { <urn:x> <urn:y> <urn:z> }");
    assertEquals(400, update.statusCode());
    assertEquals(
        "query: SPARQL Update is not allowed; only SELECT and ASK",
        new JsonObject(update.body()).getString("detail"));
    HttpResponse<String> garbage = sparql(auditor, "SELEKT * WHERE { ?s ?p ?o }");
    assertEquals(400, garbage.statusCode());
    String why = new JsonObject(garbage.body()).getString("detail");
    assertTrue(why.startsWith("query: ") && why.contains("line 1, column 7"), why);
    assertTrue(!why.contains("\n"), "one line: " + why);
    HttpResponse<String> construct = sparql(auditor, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }");
    assertEquals(400, construct.statusCode());
    assertEquals(
        "query: only SELECT and ASK are allowed",
        new JsonObject(construct.body()).getString("detail"));
    HttpResponse<String> service =
        sparql(auditor, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }");
    assertEquals(
        "query: SERVICE is not allowed", new JsonObject(service.body()).getString("detail"));
    HttpResponse<String> json =
        api.send(auditor, "POST", "/consent/sparql", "application/json", "{}");
    assertEquals(415, json.statusCode());
    assertEquals(before, api.store().tripleCount());
  }

  @Test
  void sparql_pastRowLimit_truncatedHeader_andPastTimeLimit_503() throws Exception {
    Caller auditor = api.auditor();
    StringBuilder hundred = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      hundred.append(' ').append(i);
    }
    hundred.append(" }");
    // 100 x 100 VALUES rows (the most AuditQueries allows) times the partners' seven triples:
    // cheap to produce, cut at the 10,000-row limit.
    StringBuilder wideQuery =
        new StringBuilder("SELECT ?v0 WHERE { VALUES ?v0 ")
            .append(hundred)
            .append(" VALUES ?v1 ")
            .append(hundred)
            .append(" ?s ?p ?o");
    HttpResponse<String> wide = sparql(auditor, wideQuery.append(" }").toString());
    assertEquals(200, wide.statusCode(), wide.body());
    assertEquals("true", wide.headers().firstValue("x-parley-truncated").orElseThrow());
    assertEquals(
        ConsentRoutes.SPARQL_ROWS,
        new JsonObject(wide.body()).getJsonObject("results").getJsonArray("bindings").size());

    // A ten-way cross product of the partners' seven triples (7^10 rows) to count: cancelled at
    // the (test) time limit of one second.
    StringBuilder slowQuery = new StringBuilder("SELECT (COUNT(*) AS ?n) WHERE {");
    for (int i = 0; i < 10; i++) {
      slowQuery
          .append(" ?s")
          .append(i)
          .append(" ?p")
          .append(i)
          .append(" ?o")
          .append(i)
          .append(" .");
    }
    HttpResponse<String> slow = sparql(auditor, slowQuery.append(" }").toString());
    assertEquals(503, slow.statusCode(), slow.body());
    assertTrue(
        new JsonObject(slow.body()).getString("detail").contains("exceeded 1000 ms"), slow.body());
  }
}
