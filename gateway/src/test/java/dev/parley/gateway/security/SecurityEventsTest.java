package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import dev.parley.gateway.signin.LogCapture;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed sign-ins, missing and bad credentials, CSRF failures, denials, rate-limit hits and
 * validation rejects are counted as {@code parley.security.events} and logged as structured lines,
 * and no line logged meanwhile carries an API key, a session id, an anti-CSRF token, an e-mail
 * address, a sign-in code or challenge, or a subject token.
 */
class SecurityEventsTest {
  @TempDir Path data;

  @Test
  void everyKind_countedAndLoggedWithoutSecretsOrIdentifiers() throws Exception {
    List<String> secrets = new ArrayList<>();
    List<String> lines;
    Map<String, Double> counts;
    try (LogCapture logs = new LogCapture(Level.INFO);
        Gateway gw = Gateway.start(data)) {
      SubjectToken subject = Gateway.token(7);
      String subjectPath = "/consent/subjects/" + subject.toBase64Url();
      Caller partner = gw.partner("acme");
      String key = partner.headers().get("Authorization").substring("Bearer ".length());
      secrets.add(key);
      secrets.add(key.substring(20)); // the secret part alone
      SessionRegistry.NewSession session = gw.auth().sessions().create(subject, false);
      secrets.add(session.cookie().getValue());
      secrets.add(session.csrfToken());
      secrets.add(subject.toBase64Url());
      String email = "jane.q.public@example.org";
      secrets.add("jane.q.public");

      // sign_in_failed: a wrong code for a real challenge
      Response started = gw.postJson(Caller.NONE, "/signin/start", "{\"email\":\"" + email + "\"}");
      assertEquals(202, started.status(), started.body());
      String challenge = new JsonObject(started.body()).getString("challenge");
      String code = gw.mailedCode(email);
      secrets.add(challenge);
      secrets.add(code);
      String wrong = code.equals("000000") ? "111111" : "000000";
      Response failed =
          gw.postJson(
              Caller.NONE,
              "/signin/verify",
              new JsonObject().put("challenge", challenge).put("code", wrong).encode());
      assertEquals(401, failed.status(), failed.body());
      // unauthenticated, bad_credential, denied
      assertEquals(401, gw.get(Caller.NONE, subjectPath).status());
      String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
      secrets.add(tampered);
      assertEquals(
          401,
          gw.get(
                  new Caller("bad", Map.of("Authorization", "Bearer " + tampered)),
                  "/consent/catalog")
              .status());
      assertEquals(403, gw.get(partner, subjectPath).status());
      // csrf: the session without its token on a state change
      Caller noCsrf =
          new Caller(
              "consumer",
              Map.of("Cookie", SessionRegistry.COOKIE + "=" + session.cookie().getValue()));
      assertEquals(403, gw.postJson(noCsrf, subjectPath + "/decisions", "{}").status());
      // validation_rejected: a decision with a field the contract does not know
      Caller consumer =
          new Caller(
              "consumer",
              Map.of(
                  "Cookie",
                  SessionRegistry.COOKIE + "=" + session.cookie().getValue(),
                  "X-CSRF-Token",
                  session.csrfToken()));
      assertEquals(
          400,
          gw.send(
                  consumer,
                  "POST",
                  subjectPath + "/decisions",
                  "application/json",
                  ("{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\",\"email\":\""
                          + email
                          + "\"}")
                      .getBytes(StandardCharsets.UTF_8))
              .status());
      // rate_limited: one partner beyond its burst
      java.util.concurrent.atomic.AtomicInteger limited =
          new java.util.concurrent.atomic.AtomicInteger();
      List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
        for (int t = 0; t < 8; t++) {
          workers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < AuthComponent.RATE_BURST && limited.get() == 0; i++) {
                      if (gw.get(partner, "/oprf/keys").status() == 429) {
                        limited.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
      }
      for (var w : workers) {
        w.get();
      }
      assertTrue(limited.get() >= 1, "the burst is exhausted");
      counts = new java.util.TreeMap<>();
      for (String kind :
          List.of(
              "sign_in_failed",
              "unauthenticated",
              "bad_credential",
              "denied",
              "csrf",
              "validation_rejected",
              "rate_limited")) {
        counts.put(kind, gw.securityEvents(kind));
      }
      lines = logs.lines();
    }
    counts.forEach((kind, n) -> assertTrue(n >= 1, kind + " counted: " + counts));
    for (String kind : counts.keySet()) {
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("security event") && l.contains("event=" + kind)),
          "a structured log line for " + kind);
    }
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> l.contains("event=denied") && l.contains("route=/consent/subjects/{subject}")),
        "log lines name the route template, not the path");
    for (String line : lines) {
      for (String secret : secrets) {
        assertFalse(line.contains(secret), "a log line carries a secret or identifier: " + line);
      }
    }
  }
}
