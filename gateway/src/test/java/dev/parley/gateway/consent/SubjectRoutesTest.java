package dev.parley.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.purpose.Purpose;
import dev.parley.gateway.consent.ConsentApiServer.Consumer;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer's own consent over real HTTP: decisions, state, history, receipts, export, erasure.
 */
class SubjectRoutesTest {
  @TempDir Path data;
  private ConsentApiServer api;

  @BeforeEach
  void start() throws Exception {
    api = new ConsentApiServer(data, ConsentComponent.SPARQL_TIMEOUT);
  }

  @AfterEach
  void stop() throws Exception {
    api.stop();
  }

  private JsonObject decide(Consumer c, String json) throws Exception {
    HttpResponse<String> r = api.postJson(c.caller(), c.path() + "/decisions", json);
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private JsonObject getJson(Consumer c, String suffix) throws Exception {
    HttpResponse<String> r = api.get(c.caller(), c.path() + suffix);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("no-store", r.headers().firstValue("cache-control").orElseThrow());
    return new JsonObject(r.body());
  }

  private ReceiptVerifier.Verified verify(JsonObject receipt) {
    NoteVerifierKey key = NoteVerifierKey.parse(api.ledger().verifierKey());
    return ReceiptVerifier.verify(
        Receipt.parse(receipt.encode().getBytes(StandardCharsets.UTF_8)), key);
  }

  @Test
  void decisions_grantWithdrawRefuse_stateHistoryAndVerifiableReceipts() throws Exception {
    Consumer c = api.consumer(1);
    JsonObject g =
        decide(c, "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\"}");
    JsonObject record = g.getJsonObject("record");
    assertEquals("given", record.getString("status"));
    assertEquals("consent-center", record.getString("source"));
    assertEquals(ConsentApiServer.T0.toString(), record.getString("time"));

    ReceiptVerifier.Verified v = verify(g.getJsonObject("receipt"));
    assertEquals(EntryType.CONSENT_CHANGED, v.entry().type());
    assertEquals(record.getLong("ledgerIndex"), g.getJsonObject("receipt").getLong("index"));
    assertEquals(
        api.store().commitment(c.subject()).orElseThrow(), v.entry().body().getString("subject"));
    assertEquals("given", v.entry().body().getString("status"));

    api.clock.advance(Duration.ofMinutes(1));
    decide(c, "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"withdrawn\"}");
    decide(c, "{\"partner\":\"globex\",\"purpose\":\"basic-ads\",\"status\":\"refused\"}");

    JsonArray states = getJson(c, "").getJsonArray("states");
    assertEquals(2, states.size());
    JsonObject acme = states.getJsonObject(0);
    assertEquals("acme", acme.getString("partner"));
    assertEquals("measurement", acme.getString("purpose"));
    assertEquals("withdrawn", acme.getString("status"));
    assertEquals(ConsentApiServer.T0.plusSeconds(60).toString(), acme.getString("since"));
    assertEquals("refused", states.getJsonObject(1).getString("status"));

    JsonArray history = getJson(c, "/history").getJsonArray("records");
    assertEquals(
        List.of("refused", "withdrawn", "given"),
        history.stream().map(o -> ((JsonObject) o).getString("status")).toList());
    assertEquals(record.getString("recordId"), history.getJsonObject(2).getString("recordId"));
    assertFalse(
        api.store()
            .activeConsent(
                List.of(c.subject()),
                "acme",
                Purpose.MEASUREMENT,
                Long.MAX_VALUE,
                api.clock.instant())
            .get(0),
        "the withdrawal reaches the clean room's index");
  }

  @Test
  void receiptRoute_ownEntry_freshVerifiableAttachment_otherSubjectsEntry404() throws Exception {
    Consumer a = api.consumer(1);
    Consumer b = api.consumer(2);
    long ia =
        decide(a, "{\"partner\":\"acme\",\"purpose\":\"basic-ads\",\"status\":\"given\"}")
            .getJsonObject("record")
            .getLong("ledgerIndex");
    long ib =
        decide(b, "{\"partner\":\"acme\",\"purpose\":\"basic-ads\",\"status\":\"given\"}")
            .getJsonObject("record")
            .getLong("ledgerIndex");

    HttpResponse<String> own = api.get(a.caller(), a.path() + "/receipts/" + ia);
    assertEquals(200, own.statusCode(), own.body());
    assertEquals(
        "attachment; filename=\"parley-receipt-" + ia + ".json\"",
        own.headers().firstValue("content-disposition").orElseThrow());
    ReceiptVerifier.Verified v = verify(new JsonObject(own.body()));
    assertEquals(ia, new JsonObject(own.body()).getLong("index"));
    assertTrue(v.checkpoint().size() > ib, "proof against the latest checkpoint");

    assertEquals(404, api.get(a.caller(), a.path() + "/receipts/" + ib).statusCode());
    assertEquals(404, api.get(a.caller(), a.path() + "/receipts/0").statusCode(), "key entry");
    assertEquals(404, api.get(a.caller(), a.path() + "/receipts/999999").statusCode());
    HttpResponse<String> bad = api.get(a.caller(), a.path() + "/receipts/-1");
    assertEquals(400, bad.statusCode());
    assertTrue(new JsonObject(bad.body()).getString("detail").startsWith("index:"));
  }

  @Test
  void export_isJsonLdOfTheSubjectsDpvRecords() throws Exception {
    Consumer c = api.consumer(3);
    String id =
        decide(
                c,
                "{\"partner\":\"globex\",\"purpose\":\"product-improvement\",\"status\":\"given\","
                    + "\"expiresAt\":\"2027-03-01T10:00:00+01:00\"}")
            .getJsonObject("record")
            .getString("recordId");
    HttpResponse<String> r = api.get(c.caller(), c.path() + "/export");
    assertEquals(200, r.statusCode());
    assertEquals("application/ld+json", r.headers().firstValue("content-type").orElseThrow());
    assertEquals(
        "attachment; filename=\"parley-consent-export.jsonld\"",
        r.headers().firstValue("content-disposition").orElseThrow());
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.fromString(r.body(), Lang.JSONLD).parse(g);
    Set<String> subjects =
        g.find().toList().stream().map(t -> t.getSubject().toString()).collect(Collectors.toSet());
    assertTrue(subjects.contains("urn:parley:consent:" + id), subjects.toString());
    assertTrue(subjects.contains("urn:parley:partner:globex"), subjects.toString());
    assertTrue(r.body().contains("2027-03-01T09:00:00"), "expiry normalized to UTC");
    assertFalse(r.body().contains(c.subject().toBase64Url()), "the token is never exported");
  }

  @Test
  void erase_removesState_endsSessions_andOldReceiptsAre404() throws Exception {
    Consumer c = api.consumer(4);
    Consumer sameSubjectOtherTab = api.consumer(4);
    long index =
        decide(c, "{\"partner\":\"acme\",\"purpose\":\"basic-ads\",\"status\":\"given\"}")
            .getJsonObject("record")
            .getLong("ledgerIndex");
    decide(c, "{\"partner\":\"globex\",\"purpose\":\"basic-ads\",\"status\":\"given\"}");

    HttpResponse<String> r = api.delete(c.caller(), c.path());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertTrue(body.getBoolean("erased"));
    assertEquals(2, body.getInteger("records"));
    assertEquals(EntryType.SUBJECT_ERASED, verify(body.getJsonObject("receipt")).entry().type());
    assertTrue(
        r.headers().allValues("set-cookie").stream()
            .anyMatch(h -> h.startsWith("parley_session=;") && h.contains("Max-Age=0")),
        r.headers().allValues("set-cookie").toString());

    assertEquals(401, api.get(c.caller(), c.path()).statusCode(), "this session ended");
    assertEquals(401, api.get(sameSubjectOtherTab.caller(), c.path()).statusCode(), "and others");
    Consumer again = api.consumer(4);
    assertEquals(0, getJson(again, "").getJsonArray("states").size());
    assertEquals(0, getJson(again, "/history").getJsonArray("records").size());
    assertEquals(404, api.get(again.caller(), again.path() + "/receipts/" + index).statusCode());
    assertTrue(api.store().commitment(c.subject()).isEmpty());

    HttpResponse<String> twice = api.delete(again.caller(), again.path());
    assertEquals(200, twice.statusCode());
    assertFalse(new JsonObject(twice.body()).getBoolean("erased"));
  }

  @Test
  void expiry_grantReadsExpiredFromItsInstant() throws Exception {
    Consumer c = api.consumer(5);
    String expires = ConsentApiServer.T0.plus(Duration.ofMinutes(10)).toString();
    decide(
        c,
        "{\"partner\":\"acme\",\"purpose\":\"personalised-ads\",\"status\":\"given\","
            + "\"expiresAt\":\""
            + expires
            + "\"}");
    api.clock.advance(Duration.ofMinutes(10).minusMillis(1));
    JsonObject before = getJson(c, "").getJsonArray("states").getJsonObject(0);
    assertEquals("given", before.getString("status"));
    assertEquals(expires, before.getString("expiresAt"));
    api.clock.advance(Duration.ofMillis(1));
    JsonObject after = getJson(c, "").getJsonArray("states").getJsonObject(0);
    assertEquals("expired", after.getString("status"));
    assertEquals(
        "given",
        getJson(c, "/history").getJsonArray("records").getJsonObject(0).getString("status"));
  }

  @Test
  void catalog_public_listsPartnersAndPurposes() throws Exception {
    HttpResponse<String> r = api.get(ConsentApiServer.Caller.NONE, "/consent/catalog");
    assertEquals(200, r.statusCode());
    JsonObject cat = new JsonObject(r.body());
    assertEquals(
        List.of("acme", "globex"),
        cat.getJsonArray("partners").stream().map(o -> ((JsonObject) o).getString("id")).toList());
    JsonArray purposes = cat.getJsonArray("purposes");
    assertEquals(Purpose.all().size(), purposes.size());
    JsonObject m = purposes.getJsonObject(0);
    assertEquals("measurement", m.getString("id"));
    assertEquals("https://w3id.org/dpv#ServiceUsageAnalytics", m.getString("dpv"));
    assertEquals(List.of(7, 8), m.getJsonArray("tcfPurposes").getList());
    assertFalse(m.getString("description").isBlank());
  }
}
