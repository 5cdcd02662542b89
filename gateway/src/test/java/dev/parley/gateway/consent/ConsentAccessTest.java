package dev.parley.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.Authentication;
import dev.parley.gateway.consent.ConsentApiServer.Caller;
import dev.parley.gateway.consent.ConsentApiServer.Consumer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may call what, and bad input changing nothing, over real HTTP. One server serves the whole
 * class: no test here may change the store, which each checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentAccessTest {
  private static final String GRANT =
      "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\"}";

  @TempDir static Path data;
  private ConsentApiServer api;
  private Consumer owner;

  @BeforeAll
  void start() throws Exception {
    api = new ConsentApiServer(data, ConsentComponent.SPARQL_TIMEOUT);
    owner = api.consumer(1);
    assertEquals(
        201, api.postJson(owner.caller(), owner.path() + "/decisions", GRANT).statusCode());
  }

  @AfterAll
  void stop() throws Exception {
    api.stop();
  }

  private static String detail(HttpResponse<String> r) {
    assertEquals(
        "application/problem+json", r.headers().firstValue("content-type").orElseThrow(), r.body());
    return new JsonObject(r.body()).getString("detail");
  }

  private int historySize() throws Exception {
    return new JsonObject(api.get(owner.caller(), owner.path() + "/history").body())
        .getJsonArray("records")
        .size();
  }

  @Test
  void subjectRoutes_withoutCredentials_401() throws Exception {
    for (String suffix : new String[] {"", "/history", "/export", "/receipts/1"}) {
      HttpResponse<String> r = api.get(Caller.NONE, owner.path() + suffix);
      assertEquals(401, r.statusCode(), suffix);
    }
    assertEquals(401, api.postJson(Caller.NONE, owner.path() + "/decisions", GRANT).statusCode());
    assertEquals(401, api.delete(Caller.NONE, owner.path()).statusCode());
    assertEquals(1, historySize());
  }

  @Test
  void subjectRoutes_consumerOfAnotherSubject_403AndNothingChanges() throws Exception {
    Consumer other = api.consumer(2);
    HttpResponse<String> read = api.get(other.caller(), owner.path() + "/history");
    assertEquals(403, read.statusCode());
    assertTrue(detail(read).contains("own subject"), read.body());
    assertEquals(
        403, api.postJson(other.caller(), owner.path() + "/decisions", GRANT).statusCode());
    assertEquals(403, api.delete(other.caller(), owner.path()).statusCode());
    assertEquals(403, api.get(other.caller(), owner.path() + "/export").statusCode());
    assertEquals(1, historySize());
  }

  @Test
  void subjectRoutes_partnerOrAuditorKey_403() throws Exception {
    Caller partner = api.partner("acme");
    HttpResponse<String> r = api.get(partner, owner.path());
    assertEquals(403, r.statusCode());
    assertTrue(detail(r).contains("role partner"), r.body());
    assertEquals(403, api.postJson(partner, owner.path() + "/decisions", GRANT).statusCode());
    assertEquals(403, api.get(api.auditor(), owner.path() + "/history").statusCode());
    assertEquals(1, historySize());
  }

  @Test
  void stateChange_withoutCsrfHeader_403AndNothingChanges() throws Exception {
    Caller noCsrf = owner.caller().without(Authentication.CSRF_HEADER);
    HttpResponse<String> r = api.postJson(noCsrf, owner.path() + "/decisions", GRANT);
    assertEquals(403, r.statusCode());
    assertTrue(detail(r).contains(Authentication.CSRF_HEADER), r.body());
    assertEquals(403, api.delete(noCsrf, owner.path()).statusCode());
    assertEquals(200, api.get(noCsrf, owner.path()).statusCode(), "reads need no CSRF token");
    assertEquals(1, historySize());
  }

  @Test
  void partnerAndConsumer_onAuditorAndPartnerRoutes_403() throws Exception {
    String select = "SELECT * WHERE { ?s ?p ?o }";
    assertEquals(
        403,
        api.send(api.partner("acme"), "POST", "/consent/sparql", "application/sparql-query", select)
            .statusCode());
    assertEquals(
        403,
        api.send(owner.caller(), "POST", "/consent/sparql", "application/sparql-query", select)
            .statusCode());
    assertEquals(
        401,
        api.send(Caller.NONE, "POST", "/consent/sparql", "application/sparql-query", select)
            .statusCode());
    assertEquals(403, api.postJson(api.auditor(), "/consent/tcf", "{\"records\":[]}").statusCode());
    assertEquals(
        403, api.postJson(owner.caller(), "/consent/tcf", "{\"records\":[]}").statusCode());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"note\":1}|note: unknown field",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":true}|status: must be a string, got a boolean",
        "{\"partner\":\"initech\",\"purpose\":\"measurement\",\"status\":\"given\"}|partner: unknown partner 'initech'; expected one of [acme, globex]",
        "{\"partner\":\"acme\",\"purpose\":\"x\",\"status\":\"given\"}|purpose: must be one of measurement, audience-insights,",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"expired\"}|status: must be one of given, withdrawn, refused",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"expiresAt\":\"2027-01-01\"}|expiresAt: must be an RFC 3339 date-time",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"expiresAt\":\"2026-01-01T00:00:00Z\"}|expiresAt: must be in the future",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"refused\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}|expiresAt: only a given consent can expire",
        "{\"partner\":\"acme\",\"partner\":\"globex\",\"purpose\":\"measurement\",\"status\":\"given\"}|body: not valid JSON: duplicate property name",
        "{\"purpose\":\"measurement\",\"status\":\"given\"}|partner: required",
        "[1]|body: must be an object, got an array",
      })
  void decisions_badInput_400NamingTheField_historyUnchanged(String body, String expected)
      throws Exception {
    int before = historySize();
    long ledgerBefore = api.ledger().latest().checkpoint().size();
    HttpResponse<String> r = api.postJson(owner.caller(), owner.path() + "/decisions", body);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(detail(r).startsWith(expected), detail(r));
    assertEquals(before, historySize());
    assertEquals(ledgerBefore, api.ledger().latest().checkpoint().size(), "no ledger entry");
  }

  @Test
  void decisions_badSubjectTokenOrTooBigOrWrongType_rejectedAndNothingChanges() throws Exception {
    HttpResponse<String> bad = api.get(owner.caller(), "/consent/subjects/abc");
    assertEquals(400, bad.statusCode());
    assertTrue(detail(bad).startsWith("subject: must match the pattern"), detail(bad));

    String huge =
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"pad\":\""
            + "x".repeat((int) ConsentRoutes.DECISION_LIMIT)
            + "\"}";
    HttpResponse<String> big = api.postJson(owner.caller(), owner.path() + "/decisions", huge);
    assertEquals(413, big.statusCode());
    assertTrue(detail(big).startsWith("body: larger than 65536 bytes"), big.body());

    HttpResponse<String> form =
        api.send(
            owner.caller(),
            "POST",
            owner.path() + "/decisions",
            "application/x-www-form-urlencoded",
            "partner=acme");
    assertEquals(415, form.statusCode());
    assertTrue(detail(form).startsWith("content-type: must be application/json"), form.body());
    assertEquals(1, historySize());
  }
}
