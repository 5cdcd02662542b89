package dev.parley.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.checkpoint.SignedCheckpoint;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.merkle.MerkleHash;
import dev.parley.ledger.merkle.MerkleProofs;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import dev.parley.ledger.store.Appended;
import dev.parley.ledger.store.LedgerStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's HTTP surface over a real server: tiles, checkpoint, proofs, receipts, audit over
 * HTTP.
 */
class LedgerRoutesTest {
  @TempDir Path data;
  private ParleyServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = TestServers.start(data, ProductionComponents.all());
    LedgerStore store = server.component(LedgerComponent.class).orElseThrow().store();
    List<CompletableFuture<Appended>> acks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      acks.add(
          store.append(EntryType.LEDGER_NOTE, JsonObject.builder().put("text", "n" + i).build()));
    }
    for (CompletableFuture<Appended> a : acks) {
      a.get();
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private NoteVerifierKey vkey() throws Exception {
    return NoteVerifierKey.parse(
        new String(get("/ledger/vkey").body(), java.nio.charset.StandardCharsets.UTF_8).trim());
  }

  @Test
  void checkpointAndTiles_servedWithSpecHeaders() throws Exception {
    HttpResponse<byte[]> cp = get("/ledger/checkpoint");
    assertEquals(200, cp.statusCode());
    assertEquals(
        "text/plain; charset=utf-8", cp.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", cp.headers().firstValue("cache-control").orElseThrow());
    Checkpoint checkpoint = SignedCheckpoint.open(cp.body(), vkey());
    assertTrue(
        checkpoint.size() >= 301, "key.published + 300 notes"); // the matching key is published too
    HttpResponse<byte[]> tile = get("/ledger/tile/0/000");
    assertEquals(200, tile.statusCode());
    assertEquals(8192, tile.body().length);
    assertEquals(
        "application/octet-stream", tile.headers().firstValue("content-type").orElseThrow());
    assertTrue(tile.headers().firstValue("cache-control").orElseThrow().contains("immutable"));
    assertEquals(400, get("/ledger/tile/0/1").statusCode(), "non-canonical index");
    assertEquals(404, get("/ledger/tile/0/x009/999").statusCode());
  }

  @Test
  void entriesAndProofs_verifyAgainstCheckpoint() throws Exception {
    NoteVerifierKey key = vkey();
    Receipt receipt = Receipt.parse(get("/ledger/entries/42").body());
    ReceiptVerifier.Verified v = ReceiptVerifier.verify(receipt, key);
    long size = v.checkpoint().size();
    io.vertx.core.json.JsonObject inclusion =
        new io.vertx.core.json.JsonObject(
            new String(
                get("/ledger/proof/inclusion?index=42&size=" + size).body(),
                java.nio.charset.StandardCharsets.UTF_8));
    List<byte[]> path =
        inclusion.getJsonArray("hashes").stream()
            .map(h -> Base64.getDecoder().decode((String) h))
            .toList();
    assertTrue(
        MerkleProofs.verifyInclusion(
            MerkleHash.leafHash(receipt.entry()), 42, size, path, v.checkpoint().rootHash()));
    io.vertx.core.json.JsonObject consistency =
        new io.vertx.core.json.JsonObject(
            new String(
                get("/ledger/proof/consistency?old=100&new=" + size).body(),
                java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(100, consistency.getLong("old"));
    assertEquals(400, get("/ledger/entries/999999").statusCode());
    assertEquals(400, get("/ledger/entries/abc").statusCode());
    assertEquals(400, get("/ledger/proof/inclusion?index=5&size=3").statusCode());
    assertEquals(400, get("/ledger/proof/consistency?old=-1").statusCode());
  }

  @Test
  void auditVerify_overHttp_passesAndCountsTypes() throws Exception {
    LogAudit.Report report =
        LogAudit.verify(LogSource.http(URI.create(server.baseUrl() + "/ledger/")), vkey(), null);
    assertEquals(300L, report.countsByType().get(EntryType.LEDGER_NOTE));
    assertEquals(1L, report.countsByType().get(EntryType.KEY_PUBLISHED));
  }
}
