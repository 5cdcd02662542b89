package dev.parley.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ParleyServerTest {
  @TempDir Path data;
  private ParleyServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private static HttpResponse<Buffer> get(Vertx vertx, String url) throws Exception {
    WebClient client =
        WebClient.create(vertx, new WebClientOptions().setTrustAll(true).setVerifyHost(false));
    return client
        .getAbs(url)
        .send()
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void healthReady_allComponentsReady_returns200(Vertx vertx) throws Exception {
    server = TestServers.start(data, List.of());
    HttpResponse<Buffer> live = get(vertx, server.baseUrl() + "/health/live");
    assertEquals(200, live.statusCode());
    HttpResponse<Buffer> ready = get(vertx, server.baseUrl() + "/health/ready");
    assertEquals(200, ready.statusCode());
    JsonObject body = ready.bodyAsJsonObject();
    assertEquals("ready", body.getString("status"));
    assertEquals("ready", body.getJsonObject("components").getString("http"));
    assertEquals("ready", body.getJsonObject("components").getString("data"));
  }

  @Test
  void healthReady_componentDown_returns503WithReason(Vertx vertx) throws Exception {
    AtomicBoolean up = new AtomicBoolean(false);
    server = TestServers.start(data, List.of(ctx -> new Toggle(up)));
    HttpResponse<Buffer> ready = get(vertx, server.baseUrl() + "/health/ready");
    assertEquals(503, ready.statusCode());
    assertEquals("toggle: warming up", ready.bodyAsJsonObject().getString("reason"));
    up.set(true);
    assertEquals(200, get(vertx, server.baseUrl() + "/health/ready").statusCode());
  }

  @Test
  void metrics_afterRequests_taggedByRouteTemplateNotRawPath(Vertx vertx) throws Exception {
    server = TestServers.start(data, List.of(ctx -> new Echo()));
    assertEquals(
        200, get(vertx, server.baseUrl() + "/test/echo/secret-looking-98765").statusCode());
    assertEquals(404, get(vertx, server.baseUrl() + "/no/such/path/424242").statusCode());
    HttpResponse<Buffer> metrics = get(vertx, server.baseUrl() + "/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.getHeader("content-type").startsWith("text/plain"));
    String text = metrics.bodyAsString();
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics present");
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.startsWith("vertx_http_server_requests_total")
                        && l.contains("route=\"/test/echo/:word\"")),
        "HTTP metrics tagged by route template");
    assertFalse(text.contains("98765"), "raw path value must not become a tag");
    assertFalse(text.contains("424242"), "unmatched raw path must not become a tag");
  }

  @Test
  void unknownPath_returnsProblemDetails(Vertx vertx) throws Exception {
    server = TestServers.start(data, List.of());
    HttpResponse<Buffer> r = get(vertx, server.baseUrl() + "/nope");
    assertEquals(404, r.statusCode());
    assertEquals("application/problem+json", r.getHeader("content-type"));
    assertEquals(404, r.bodyAsJsonObject().getInteger("status"));
    assertEquals("nosniff", r.getHeader("x-content-type-options"));
  }

  @Test
  void stop_requestInFlight_finishesBeforeClose(Vertx vertx) throws Exception {
    AtomicBoolean closed = new AtomicBoolean(false);
    server = TestServers.start(data, List.of(ctx -> new Slow(ctx.vertx(), closed)));
    CompletableFuture<HttpResponse<Buffer>> inFlight =
        WebClient.create(vertx)
            .getAbs(server.baseUrl() + "/test/slow")
            .send()
            .toCompletionStage()
            .toCompletableFuture();
    Thread.sleep(200);
    ParleyServer stopping = server;
    server = null;
    stopping.stop();
    HttpResponse<Buffer> r = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode());
    assertEquals("done", r.bodyAsString());
    assertTrue(closed.get(), "component closed on stop");
  }

  @Test
  void tlsOn_servesHttpsWithGeneratedCertificate(Vertx vertx) throws Exception {
    server = ParleyServer.start(TestServers.config(data, TlsMode.ON), Clock.systemUTC(), List.of());
    assertTrue(server.baseUrl().startsWith("https://"));
    assertEquals(200, get(vertx, server.baseUrl() + "/health/live").statusCode());
    assertTrue(java.nio.file.Files.exists(data.resolve("tls/dev-cert.pem")));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(data.resolve("tls/dev-key.pem"))));
  }

  private record Toggle(AtomicBoolean up) implements Component {
    @Override
    public String name() {
      return "toggle";
    }

    @Override
    public Readiness readiness() {
      return up.get() ? Readiness.up() : Readiness.down("warming up");
    }
  }

  private record Echo() implements Component {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public void mount(Router router) {
      router.get("/test/echo/:word").handler(ctx -> ctx.response().end("ok"));
    }

    @Override
    public Readiness readiness() {
      return Readiness.up();
    }
  }

  private record Slow(Vertx vertx, AtomicBoolean closed) implements Component {
    @Override
    public String name() {
      return "slow";
    }

    @Override
    public void mount(Router router) {
      router
          .get("/test/slow")
          .handler(ctx -> vertx.setTimer(1000, t -> ctx.response().end("done")));
    }

    @Override
    public Readiness readiness() {
      return Readiness.up();
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
