package dev.parley.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication and Access over real HTTP, with a probe component exposing one route per rule. */
class AuthenticationHttpTest {
  @TempDir Path data;
  private ParleyServer server;
  private AuthComponent auth;
  private final HttpClient http = HttpClient.newHttpClient();
  private static final SubjectToken ALICE = token(1);
  private static final SubjectToken BOB = token(2);

  private static SubjectToken token(int fill) {
    byte[] b = new byte[64];
    Arrays.fill(b, (byte) fill);
    return SubjectToken.of(b);
  }

  /** Routes guarded by each kind of rule. */
  private record Probe() implements Component {
    @Override
    public String name() {
      return "probe";
    }

    @Override
    public void mount(Router router) {
      router.get("/probe/partner").handler(Access.allow(Role.PARTNER)).handler(ok());
      router.get("/probe/audit").handler(Access.allow(Role.AUDITOR, Role.PARTNER)).handler(ok());
      router
          .route("/probe/subjects/:s")
          .handler(Access.allow(Role.CONSUMER))
          .handler(
              ctx -> {
                if (!Access.mayActFor(ctx, SubjectToken.fromBase64Url(ctx.pathParam("s")))) {
                  Access.deny(ctx, "another subject's consent");
                  return;
                }
                ctx.response().end("ok");
              });
      router.get("/probe/public").handler(ok());
    }

    private static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> ok() {
      return ctx -> ctx.response().end(Access.principal(ctx).label());
    }

    @Override
    public Readiness readiness() {
      return Readiness.up();
    }
  }

  @BeforeEach
  void start() throws Exception {
    ComponentFactory probe = ctx -> new Probe();
    // A fixed clock: rate-limit buckets never refill during a test, so counts are exact.
    server =
        ParleyServer.start(
            TestServers.config(data, dev.parley.gateway.config.TlsMode.AUTO),
            java.time.Clock.fixed(
                java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC),
            List.of(AuthComponent.factory(), probe));
    auth = server.component(AuthComponent.class).orElseThrow();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String partnerKey(String partner) throws Exception {
    return auth.apiKeys()
        .create(Role.PARTNER, Optional.of(partner), new SecureRandom())
        .plaintext();
  }

  @Test
  void allow_noCredentials_401OnGuardedAndPublicStillOpen() throws Exception {
    assertEquals(401, send("GET", "/probe/partner").statusCode());
    HttpResponse<String> pub = send("GET", "/probe/public");
    assertEquals(200, pub.statusCode());
    assertEquals("anonymous", pub.body());
  }

  @Test
  void allow_partnerKey_allowedOnPartnerRouteDeniedOnConsumerRoute() throws Exception {
    String key = partnerKey("acme");
    HttpResponse<String> ok = send("GET", "/probe/partner", "Authorization", "Bearer " + key);
    assertEquals(200, ok.statusCode());
    assertEquals("partner:acme", ok.body());
    HttpResponse<String> denied =
        send("GET", "/probe/subjects/" + ALICE.toBase64Url(), "Authorization", "Bearer " + key);
    assertEquals(403, denied.statusCode());
    assertTrue(denied.body().contains("may not call"), denied.body());
  }

  @Test
  void resolve_wrongOrRevokedKey_401EvenOnPublicRoute() throws Exception {
    String key = partnerKey("acme");
    String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    assertEquals(
        401, send("GET", "/probe/public", "Authorization", "Bearer " + tampered).statusCode());
    assertEquals(401, send("GET", "/probe/public", "Authorization", "Basic abc").statusCode());
    auth.apiKeys().revoke(key.substring(3, 19));
    HttpResponse<String> revoked = send("GET", "/probe/partner", "Authorization", "Bearer " + key);
    assertEquals(401, revoked.statusCode());
    assertTrue(!revoked.body().contains(key.substring(20)), "the key is not echoed");
  }

  @Test
  void auditorKey_readOnlyRouteAllowedPartnerRouteDenied() throws Exception {
    String key =
        auth.apiKeys().create(Role.AUDITOR, Optional.empty(), new SecureRandom()).plaintext();
    assertEquals(200, send("GET", "/probe/audit", "Authorization", "Bearer " + key).statusCode());
    assertEquals(403, send("GET", "/probe/partner", "Authorization", "Bearer " + key).statusCode());
  }

  @Test
  void consumerSession_ownSubjectOnlyAndCsrfOnStateChanges() throws Exception {
    SessionRegistry.NewSession s = auth.sessions().create(ALICE, false);
    String cookie = "Cookie";
    String cookieValue = SessionRegistry.COOKIE + "=" + s.cookie().getValue();
    assertEquals(
        200,
        send("GET", "/probe/subjects/" + ALICE.toBase64Url(), cookie, cookieValue).statusCode());
    assertEquals(
        403,
        send("GET", "/probe/subjects/" + BOB.toBase64Url(), cookie, cookieValue).statusCode(),
        "another subject");
    HttpResponse<String> noCsrf =
        send("POST", "/probe/subjects/" + ALICE.toBase64Url(), cookie, cookieValue);
    assertEquals(403, noCsrf.statusCode());
    assertTrue(noCsrf.body().contains("X-CSRF-Token"), noCsrf.body());
    assertEquals(
        403,
        send(
                "POST",
                "/probe/subjects/" + ALICE.toBase64Url(),
                cookie,
                cookieValue,
                "X-CSRF-Token",
                "wrong")
            .statusCode());
    assertEquals(
        200,
        send(
                "POST",
                "/probe/subjects/" + ALICE.toBase64Url(),
                cookie,
                cookieValue,
                "X-CSRF-Token",
                s.csrfToken())
            .statusCode());
  }

  @Test
  void securityEvents_denialsCountedByKindWithoutIdentifiers() throws Exception {
    send("GET", "/probe/partner");
    send("GET", "/probe/public", "Authorization", "Bearer pk_0000000000000000.x");
    HttpResponse<String> metrics = send("GET", "/metrics");
    String body = metrics.body();
    assertTrue(
        body.lines()
            .anyMatch(
                l ->
                    l.startsWith("parley_security_events_total{event=\"unauthenticated\"")
                        && l.endsWith(" 1.0")),
        body);
    assertTrue(
        body.lines()
            .anyMatch(
                l ->
                    l.startsWith("parley_security_events_total{event=\"bad_credential\"")
                        && l.endsWith(" 1.0")),
        body);
  }

  @Test
  void rateLimiter_burstExceeded_429WithRetryAfterAndEvent() throws Exception {
    String key = partnerKey("acme");
    int limited = 0;
    String retryAfter = null;
    for (int i = 0; i < (int) AuthComponent.RATE_BURST + 50; i++) {
      HttpResponse<String> r = send("GET", "/probe/partner", "Authorization", "Bearer " + key);
      if (r.statusCode() == 429) {
        limited++;
        retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      }
    }
    assertEquals(50, limited, "exactly the requests beyond the burst were limited");
    assertTrue(retryAfter != null && Long.parseLong(retryAfter) >= 1, "Retry-After " + retryAfter);
    assertEquals(200, send("GET", "/probe/public").statusCode(), "other callers unaffected");
  }

  @Test
  void staleSessionCookie_anonymousAndCookieCleared() throws Exception {
    String stale = SessionRegistry.COOKIE + "=not-a-live-session";
    HttpResponse<String> pub = send("GET", "/probe/public", "Cookie", stale);
    assertEquals(200, pub.statusCode(), "a stale cookie never blocks public routes (sign-in)");
    assertEquals("anonymous", pub.body());
    String setCookie = pub.headers().firstValue("set-cookie").orElse("");
    assertTrue(
        setCookie.startsWith(SessionRegistry.COOKIE + "=;") && setCookie.contains("Max-Age=0"),
        setCookie);
    assertEquals(
        401, send("GET", "/probe/subjects/" + ALICE.toBase64Url(), "Cookie", stale).statusCode());
  }
}
