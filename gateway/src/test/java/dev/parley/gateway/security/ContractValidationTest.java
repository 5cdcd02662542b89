package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests that do not match {@code openapi.yaml} are refused before any route runs, over real HTTP
 * against every production component: an RFC 9457 problem naming the field, the right status (400,
 * 404, 413, 415), a {@code validation_rejected} security event, and nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractValidationTest {
  @TempDir static Path data;
  private Gateway gw;
  private Caller consumer;
  private Caller partner;
  private String decisions;

  @BeforeAll
  void start() throws Exception {
    gw = Gateway.start(data);
    consumer = gw.consumer(Gateway.token(1));
    partner = gw.partner("acme");
    decisions = "/consent/subjects/" + Gateway.token(1).toBase64Url() + "/decisions";
  }

  @AfterAll
  void stop() throws Exception {
    gw.close();
  }

  /** Sends, expects a problem with {@code status} whose detail starts with {@code detail}. */
  private void refused(
      int status, String detail, Caller c, String method, String path, String type, byte[] body)
      throws Exception {
    Gateway.Snapshot before = gw.snapshot();
    double events = gw.securityEvents("validation_rejected");
    Response r = gw.send(c, method, path, type, body);
    assertEquals(status, r.status(), r.body());
    assertEquals("application/problem+json", r.contentType(), r.body());
    JsonObject problem = new JsonObject(r.body());
    assertEquals(status, problem.getInteger("status"));
    assertTrue(problem.getString("title") != null && problem.getString("type") != null, r.body());
    assertTrue(problem.getString("detail").startsWith(detail), problem.getString("detail"));
    assertEquals(before, gw.snapshot(), "nothing stored");
    assertEquals(
        events + 1, gw.securityEvents("validation_rejected"), "one validation_rejected event");
  }

  private void refusedJson(int status, String detail, Caller c, String path, String json)
      throws Exception {
    refused(
        status, detail, c, "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"note\":1}|note: unknown field; expected one of expiresAt, partner, purpose, status",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":true}|status: must be a string, got a boolean",
        "{\"purpose\":\"measurement\",\"status\":\"given\"}|partner: required",
        "{\"partner\":\"acme\",\"purpose\":\"x\",\"status\":\"given\"}|purpose: must be one of measurement, audience-insights",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"expiresAt\":\"2027-01-01\"}|expiresAt: must be an RFC 3339 date-time",
        "{\"partner\":7e400,\"purpose\":\"measurement\",\"status\":\"given\"}|body: not valid JSON: ",
        "{\"partner\":\"acme\",\"partner\":\"globex\",\"purpose\":\"measurement\",\"status\":\"given\"}|body: not valid JSON: duplicate property name",
        "{\"partner\":\"acme\",\"purpose\":\"measurement\"|body: not valid JSON: ",
        "[{\"partner\":\"acme\"}]|body: must be an object, got an array",
        "null|body: must be an object, got null",
      })
  void decision_mismatch_400NamingTheField(String json, String detail) throws Exception {
    refusedJson(400, detail, consumer, decisions, json);
  }

  @Test
  void decision_deepNestingOrInvalidUtf8_400() throws Exception {
    String deep = "{\"partner\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    refusedJson(400, "body: not valid JSON: limit exceeded", consumer, decisions, deep);
    byte[] latin1 =
        "{\"partner\":\"acm\u00e9\",\"purpose\":\"measurement\",\"status\":\"given\"}"
            .getBytes(StandardCharsets.ISO_8859_1);
    refused(400, "body: not valid JSON: ", consumer, "POST", decisions, "application/json", latin1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"records\":[{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"tcString\":\"x\"},{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"tcString\":7}]}|records[1].tcString: must be a string, got a number",
        "{\"records\":[{\"subject\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"tcString\":\"x\",\"extra\":{}}]}|records[0].extra: unknown field; expected one of subject, tcString",
        "{\"validityDays\":0,\"records\":[{\"subject\":\"A\",\"tcString\":\"x\"}]}|validityDays: must be an integer 1-3650, got 0",
        "{\"validityDays\":1e300,\"records\":[{\"subject\":\"A\",\"tcString\":\"x\"}]}|validityDays: must be an integer 1-3650, got 1e+300",
        "{\"validityDays\":2.5,\"records\":[{\"subject\":\"A\",\"tcString\":\"x\"}]}|validityDays: must be an integer, got a number",
        "{\"records\":[]}|records: must hold 1-10000 items, got 0",
        "{\"records\":{}}|records: must be an array, got an object",
      })
  void tcfImport_mismatch_400NamingTheNestedField(String json, String detail) throws Exception {
    refusedJson(400, detail, partner, "/consent/tcf", json);
  }

  @Test
  void tcfImport_tooManyRecordsOrLongString_400() throws Exception {
    StringBuilder many = new StringBuilder("{\"records\":[");
    for (int i = 0; i < 10_001; i++) {
      many.append(i == 0 ? "" : ",").append("{\"subject\":\"A\",\"tcString\":\"x\"}");
    }
    refusedJson(
        400, "records: must hold 1-10000 items, got 10001", partner, "/consent/tcf", many + "]}");
    String longString =
        "{\"records\":[{\"subject\":\"A\",\"tcString\":\"" + "C".repeat(8193) + "\"}]}";
    refusedJson(
        400,
        "records[0].tcString: must be at most 8192 characters long, got 8193",
        partner,
        "/consent/tcf",
        longString);
  }

  @Test
  void oversizedBodies_413BeforeReading() throws Exception {
    String pad = "{\"partner\":\"" + "x".repeat(70_000) + "\"}";
    refusedJson(413, "body: larger than 65536 bytes", consumer, decisions, pad);
    refused(
        413,
        "body: larger than 65536 bytes",
        gw.auditor(),
        "POST",
        "/consent/sparql",
        "application/sparql-query",
        ("SELECT * WHERE { ?s ?p ?o } #" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oversizedChunkedBody_413() throws Exception {
    // No Content-Length: the limit applies while reading.
    byte[] chunk =
        ("{\"partner\":\"" + "x".repeat(80_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gw.server.baseUrl() + decisions))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.fromPublisher(chunked(chunk)));
    consumer.headers().forEach(b::header);
    Gateway.Snapshot before = gw.snapshot();
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(413, r.statusCode(), r.body());
    assertTrue(
        new JsonObject(r.body()).getString("detail").startsWith("body: larger than 65536 bytes"));
    assertEquals(before, gw.snapshot());
  }

  private static Flow.Publisher<java.nio.ByteBuffer> chunked(byte[] bytes) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
  }

  @Test
  void mediaTypeQueryAndBodyShape_refused() throws Exception {
    refused(
        415,
        "content-type: must be application/json, got 'text/plain'",
        consumer,
        "POST",
        decisions,
        "text/plain",
        "x".getBytes(StandardCharsets.UTF_8));
    refused(
        415,
        "content-type: must be application/json, got ''",
        consumer,
        "POST",
        decisions,
        null,
        "{}".getBytes(StandardCharsets.UTF_8));
    refused(400, "body: required", consumer, "POST", decisions, "application/json", new byte[0]);
    refused(
        400,
        "x: unknown query parameter; this operation takes none",
        Caller.NONE,
        "GET",
        "/consent/catalog?x=1",
        null,
        null);
    refused(
        400,
        "index: query parameter given more than once",
        Caller.NONE,
        "GET",
        "/ledger/proof/inclusion?index=1&index=2",
        null,
        null);
    refused(
        400,
        "body: this operation takes no request body",
        Caller.NONE,
        "GET",
        "/consent/catalog",
        "application/json",
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parameters_mismatch_400Or404ForAClosedSet() throws Exception {
    String subject = "/consent/subjects/" + Gateway.token(1).toBase64Url();
    refused(
        400,
        "subject: must match the pattern",
        consumer,
        "GET",
        "/consent/subjects/abc",
        null,
        null);
    refused(
        400,
        "index: must be an integer, got a string",
        consumer,
        "GET",
        subject + "/receipts/abc",
        null,
        null);
    refused(
        400,
        "index: must be at least 0, got -1",
        consumer,
        "GET",
        subject + "/receipts/-1",
        null,
        null);
    refused(
        400,
        "old: must be at least 0, got -5",
        Caller.NONE,
        "GET",
        "/ledger/proof/consistency?old=-5",
        null,
        null);
    refused(
        404, "asset: must be one of", Caller.NONE, "GET", "/consent-center/app.js/x", null, null);
  }

  @Test
  void validRequests_pass() throws Exception {
    Response ok =
        gw.postJson(
            consumer,
            decisions,
            "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\"}");
    assertEquals(201, ok.status(), ok.body());
    Response charset =
        gw.send(
            consumer,
            "POST",
            decisions,
            "Application/JSON; charset=UTF-8",
            "{\"partner\":\"acme\",\"purpose\":\"basic-ads\",\"status\":\"refused\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(201, charset.status(), charset.body());
    assertEquals(200, gw.get(Caller.NONE, "/ledger/proof/inclusion?index=0&size=1").status());
  }
}
