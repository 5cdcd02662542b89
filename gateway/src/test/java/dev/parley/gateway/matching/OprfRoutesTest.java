package dev.parley.gateway.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.cleanroom.keys.KeyTransparency;
import dev.parley.cleanroom.keys.MatchingKey;
import dev.parley.cleanroom.oprf.BlindedInput;
import dev.parley.cleanroom.oprf.DleqProof;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPublicKey;
import dev.parley.cleanroom.oprf.VoprfClient;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import dev.parley.ledger.secret.SecretKeyAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blinded path over real HTTP gives the same tokens as the server-side fast path. */
class OprfRoutesTest {
  @TempDir Path data;
  private ParleyServer server;
  private String partnerKey;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = TestServers.start(data, ProductionComponents.all());
    partnerKey =
        server
            .component(AuthComponent.class)
            .orElseThrow()
            .apiKeys()
            .create(Role.PARTNER, java.util.Optional.of("acme"), new SecureRandom())
            .plaintext();
  }

  @Test
  void evaluate_withoutPartnerKey_401() throws Exception {
    assertEquals(401, post("/oprf/evaluate", "{\"blindedElements\":[]}", null).statusCode());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return post(path, json, partnerKey);
  }

  private HttpResponse<String> post(String path, String json, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("content-type", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(
        b.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void evaluate_blindedBatch_sameTokensAsServerSideAndKeyOnLedger() throws Exception {
    List<IdentifierHash> hashes = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>();
    for (String email :
        List.of("Jane.Doe+news@gmail.com", "bob@example.org", "  ALICE@example.com ")) {
      IdentifierHash h = IdentifierHash.of(Normalizer.normalizeEmail(email));
      hashes.add(h);
      inputs.add(h.bytes());
    }
    JsonObject keys = new JsonObject(get("/oprf/keys"));
    JsonObject active = keys.getJsonArray("keys").getJsonObject(0);
    OprfPublicKey pk =
        OprfPublicKey.fromBytes(Base64.getDecoder().decode(active.getString("publicKey")));
    VoprfClient client = new VoprfClient(pk);
    SecureRandom random = new SecureRandom();
    List<BlindedInput> blinded = new ArrayList<>();
    JsonArray elements = new JsonArray();
    for (byte[] in : inputs) {
      BlindedInput b = client.blind(in, random);
      blinded.add(b);
      elements.add(Base64.getEncoder().encodeToString(b.blindedElement().encode()));
    }
    HttpResponse<String> r =
        post("/oprf/evaluate", new JsonObject().put("blindedElements", elements).encode());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    List<RistrettoElement> evaluated = new ArrayList<>();
    for (Object e : body.getJsonArray("evaluatedElements")) {
      evaluated.add(RistrettoElement.decode(Base64.getDecoder().decode((String) e)));
    }
    List<byte[]> blindedTokens =
        client.finalizeOutputs(
            blinded,
            evaluated,
            DleqProof.fromBytes(Base64.getDecoder().decode(body.getString("proof"))));

    // The fast path: the server tokenizes the same hashes directly with the bulk Tokenizer.
    MatchingKey key = server.component(MatchingComponent.class).orElseThrow().keyring().active();
    Tokenizer fast = Tokenizer.create(OprfMode.VOPRF, key.key(), SecretKeyAccess.grant());
    List<byte[]> fastTokens = fast.tokenize(hashes);
    for (int i = 0; i < inputs.size(); i++) {
      assertArrayEquals(fastTokens.get(i), blindedTokens.get(i), "token " + i);
    }

    // Key transparency: the key the proof verified against is the one published on the ledger.
    NoteVerifierKey vkey = NoteVerifierKey.parse(get("/ledger/vkey").trim());
    Receipt receipt =
        Receipt.parse(
            get("/ledger/entries/" + body.getLong("ledgerIndex")).getBytes(StandardCharsets.UTF_8));
    ReceiptVerifier.Verified published = ReceiptVerifier.verify(receipt, vkey);
    assertTrue(KeyTransparency.matches(published.entry(), body.getString("keyId"), pk));
  }

  @Test
  void evaluate_badInput_problemNamesFieldAndIndex() throws Exception {
    String valid = Base64.getEncoder().encodeToString(RistrettoElement.generator().encode());
    String identity = Base64.getEncoder().encodeToString(new byte[32]);
    HttpResponse<String> r =
        post(
            "/oprf/evaluate",
            new JsonObject()
                .put("blindedElements", new JsonArray().add(valid).add(identity))
                .encode());
    assertEquals(400, r.statusCode());
    assertTrue(
        new JsonObject(r.body()).getString("detail").startsWith("blindedElements[1]"), r.body());
    assertEquals(400, post("/oprf/evaluate", "{\"blindedElements\":[],\"x\":1}").statusCode());
    assertEquals(400, post("/oprf/evaluate", "not json").statusCode());
    assertEquals(
        400,
        post(
                "/oprf/evaluate",
                new JsonObject()
                    .put("keyId", "mk-20000101-0001")
                    .put("blindedElements", new JsonArray().add(valid))
                    .encode())
            .statusCode());
  }
}
