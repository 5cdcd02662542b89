package dev.parley.gateway.matching;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.keys.MatchingKey;
import dev.parley.cleanroom.keys.MatchingKeyring;
import dev.parley.cleanroom.oprf.OprfException;
import dev.parley.cleanroom.oprf.OprfSuite;
import dev.parley.cleanroom.oprf.VerifiableEvaluation;
import dev.parley.cleanroom.oprf.VoprfServer;
import dev.parley.gateway.auth.Access;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.server.Problems;
import dev.parley.gateway.validation.BodyLimits;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The blinded matching path: a partner blinds identifiers locally (RFC 9497 VOPRF, mode 0x01,
 * ristretto255-SHA512) and the server sees only blinded elements.
 *
 * <p>{@code POST /oprf/evaluate} takes {@code {"keyId"?, "blindedElements": [base64, ...]}} (1 to
 * {@value #MAX_ELEMENTS} elements) and answers {@code {"keyId", "ledgerIndex", "publicKey",
 * "evaluatedElements", "proof"}}: one BlindEvaluate per element and a single batched DLEQ proof
 * (RFC 9497 section 2.2.1) that all were evaluated under the published key. Every element is
 * deserialized with DeserializeElement, which rejects invalid encodings and the identity (section
 * 3.3); the first bad one is reported by index and nothing is evaluated.
 */
final class OprfRoutes {
  /** The most elements in one request. */
  static final int MAX_ELEMENTS = 10_000;

  private static final Set<String> FIELDS = Set.of("keyId", "blindedElements");

  private final MatchingKeyring keyring;
  private final SecureRandom random = new SecureRandom();

  OprfRoutes(MatchingKeyring keyring) {
    this.keyring = keyring;
  }

  void mount(Router router) {
    router.get("/oprf/keys").handler(this::keys);
    router
        .post("/oprf/evaluate")
        .handler(BodyHandler.create().setBodyLimit(BodyLimits.of("evaluateBlinded")))
        // Partners only: an open evaluation oracle would let anyone tokenize guessed emails.
        // (Vert.x requires body handlers before user handlers on a route.)
        .handler(Access.allow(Role.PARTNER))
        .handler(this::evaluate);
  }

  private void keys(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    Instant now = Instant.now();
    String active = keyring.active().id();
    for (MatchingKey k : keyring.all()) {
      if (!k.usableAt(now)) {
        continue;
      }
      JsonObject o =
          new JsonObject()
              .put("keyId", k.id())
              .put("suite", MatchingKey.SUITE)
              .put("publicKey", Base64.getEncoder().encodeToString(k.key().publicKey().toBytes()))
              .put("active", k.id().equals(active));
      k.ledgerIndex().ifPresent(i -> o.put("ledgerIndex", i));
      k.retiresAt().ifPresent(t -> o.put("retiresAt", t.toString()));
      out.add(o);
    }
    ctx.response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("keys", out).encode());
  }

  private void evaluate(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      Problems.send(ctx, 400, "Bad Request", "body: must be a JSON object");
      return;
    }
    if (body == null) {
      Problems.send(ctx, 400, "Bad Request", "body: must be a JSON object");
      return;
    }
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        Problems.send(ctx, 400, "Bad Request", name + ": unknown field");
        return;
      }
    }
    MatchingKey key;
    Object keyId = body.getValue("keyId");
    if (keyId == null) {
      key = keyring.active();
    } else if (keyId instanceof String id) {
      key = keyring.byId(id).filter(k -> k.usableAt(Instant.now())).orElse(null);
      if (key == null) {
        Problems.send(ctx, 400, "Bad Request", "keyId: no usable matching key '" + id + "'");
        return;
      }
    } else {
      Problems.send(ctx, 400, "Bad Request", "keyId: must be a string");
      return;
    }
    if (key.ledgerIndex().isEmpty()) {
      Problems.send(
          ctx,
          503,
          "Service Unavailable",
          "keyId: key " + key.id() + " is not yet published on the ledger");
      return;
    }
    if (!(body.getValue("blindedElements") instanceof JsonArray array)
        || array.isEmpty()
        || array.size() > MAX_ELEMENTS) {
      Problems.send(
          ctx,
          400,
          "Bad Request",
          "blindedElements: must be an array of 1-" + MAX_ELEMENTS + " base64 strings");
      return;
    }
    List<RistrettoElement> elements = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String what = "blindedElements[" + i + "]";
      if (!(array.getValue(i) instanceof String s)) {
        Problems.send(ctx, 400, "Bad Request", what + ": must be a base64 string");
        return;
      }
      try {
        elements.add(OprfSuite.deserializeElement(Base64.getDecoder().decode(s), what));
      } catch (IllegalArgumentException | OprfException e) {
        Problems.send(
            ctx,
            400,
            "Bad Request",
            e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage());
        return;
      }
    }
    MatchingKey chosen = key;
    ctx.vertx()
        .executeBlocking(() -> new VoprfServer(chosen.key()).blindEvaluate(elements, random), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              VerifiableEvaluation ev = ar.result();
              JsonArray evaluated = new JsonArray();
              for (RistrettoElement e : ev.evaluatedElements()) {
                evaluated.add(Base64.getEncoder().encodeToString(e.encode()));
              }
              JsonObject out =
                  new JsonObject()
                      .put("keyId", chosen.id())
                      .put("ledgerIndex", chosen.ledgerIndex().orElseThrow())
                      .put(
                          "publicKey",
                          Base64.getEncoder().encodeToString(chosen.key().publicKey().toBytes()))
                      .put("evaluatedElements", evaluated)
                      .put("proof", Base64.getEncoder().encodeToString(ev.proof().toBytes()));
              ctx.response().putHeader("content-type", "application/json").end(out.encode());
            });
  }
}
