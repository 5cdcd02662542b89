package dev.parley.gateway.server;

import dev.parley.gateway.config.ParleyConfig;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.HealthRoutes;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.logging.Logging;
import dev.parley.gateway.metrics.Metrics;
import dev.parley.gateway.tls.DevCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running gateway: a Vert.x HTTP(S) server, its router, and the components it hosts.
 *
 * <p>Start-up order: data directory, metrics, Vert.x, components' routes, then listen. Shutdown
 * order ({@link #stop()}): mark not ready, stop accepting and let in-flight requests finish (up to
 * the configured grace), close components in reverse order, close Vert.x and metrics.
 */
public final class ParleyServer {
  private static final Logger LOG = Logger.getLogger(ParleyServer.class.getName());

  /**
   * The route order of the request gate's handlers (authentication, rate limits, the contract's
   * roles and schemas): they take orders from here up to -1 and so run before every component
   * route, whatever the order components mount in. Only the security headers and request deadlines
   * run earlier.
   */
  public static final int GATE_ORDER = -1000;

  private static final int FIRST_ORDER = -2000;

  /**
   * Connection and request limits against slow or oversized clients.
   *
   * @param idleTimeout a connection with no bytes in either direction for this long is closed
   * @param headerTimeout a complete request head must arrive within this of the connection opening
   *     or of the previous response ending (a client dribbling header bytes is cut off); an idle
   *     keep-alive connection is closed after it too
   * @param bodyTimeout a non-upload request body must be complete within this of its head (else 408
   *     and the connection closes)
   * @param requestTimeout a non-upload request must be answered within this of its head (else 503)
   * @param uploadTimeout body and answer of an upload ({@code text/csv}, {@code application/gzip},
   *     {@code application/octet-stream}, {@code multipart/*}) must be complete within this
   * @param maxHeaderSize the largest request head (all header lines), in bytes (else 431)
   * @param maxInitialLineLength the longest request line, in bytes (else 414)
   */
  public record Limits(
      Duration idleTimeout,
      Duration headerTimeout,
      Duration bodyTimeout,
      Duration requestTimeout,
      Duration uploadTimeout,
      int maxHeaderSize,
      int maxInitialLineLength) {
    /** The production limits (docs/security.md, "Limits"). */
    public static final Limits DEFAULTS =
        new Limits(
            Duration.ofSeconds(30),
            Duration.ofSeconds(20),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofMinutes(15),
            16 * 1024,
            8 * 1024);

    /** Validates the limits. */
    public Limits {
      for (Duration d :
          List.of(idleTimeout, headerTimeout, bodyTimeout, requestTimeout, uploadTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("limits: every timeout must be positive, got " + d);
        }
      }
      if (maxHeaderSize < 1024 || maxInitialLineLength < 256) {
        throw new IllegalArgumentException(
            "limits: need maxHeaderSize >= 1024 and maxInitialLineLength >= 256");
      }
    }
  }

  private final ParleyConfig config;
  private final Metrics metrics;
  private final Vertx vertx;
  private final Router router;
  private final HttpServer server;
  private final List<Component> components;
  private volatile boolean stopping;

  private ParleyServer(
      ParleyConfig config,
      Metrics metrics,
      Vertx vertx,
      Router router,
      HttpServer server,
      List<Component> components) {
    this.config = config;
    this.metrics = metrics;
    this.vertx = vertx;
    this.router = router;
    this.server = server;
    this.components = components;
  }

  /**
   * Starts the gateway and waits until it listens.
   *
   * @param config the validated configuration
   * @param clock the clock every component uses
   * @param factories creators of the hosted components, called in order once Vert.x exists
   * @return the running server
   * @throws Exception if the data directory, TLS material or the port is unusable
   */
  public static ParleyServer start(
      ParleyConfig config, Clock clock, List<ComponentFactory> factories) throws Exception {
    return start(config, clock, factories, Limits.DEFAULTS);
  }

  /**
   * Starts the gateway with other connection limits (tests use short timeouts).
   *
   * @param config the validated configuration
   * @param clock the clock every component uses
   * @param factories creators of the hosted components, called in order once Vert.x exists
   * @param limits the connection and request limits
   * @return the running server
   * @throws Exception if the data directory, TLS material or the port is unusable
   */
  public static ParleyServer start(
      ParleyConfig config, Clock clock, List<ComponentFactory> factories, Limits limits)
      throws Exception {
    Files.createDirectories(config.dataDir());
    Metrics metrics = new Metrics();
    Vertx vertx =
        Vertx.builder()
            .with(metrics.vertxOptions())
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();
    List<Component> components = new ArrayList<>();
    try {
      Router router = Router.router(vertx);
      SlowClientGuard guard = new SlowClientGuard(vertx, limits);
      router.route().order(FIRST_ORDER).handler(new SecurityHeaders());
      router.route().order(FIRST_ORDER + 1).handler(guard::requestStarted);
      ParleyServer[] self = new ParleyServer[1];
      components.add(new HttpComponent(() -> self[0] != null && !self[0].stopping));
      components.add(new DataDirComponent(config.dataDir()));
      for (ComponentFactory factory : factories) {
        components.add(
            factory.create(
                new ComponentFactory.Context(
                    vertx, config, clock, metrics.registry(), List.copyOf(components))));
      }
      new HealthRoutes(() -> List.copyOf(components)).mount(router);
      metrics.mount(router);
      OpenApiRoute.mount(router);
      for (Component component : components) {
        component.mount(router);
      }
      router.errorHandler(404, ctx -> Problems.send(ctx, 404, "Not Found", "no such resource"));
      router.errorHandler(405, ctx -> Problems.send(ctx, 405, "Method Not Allowed", ""));
      router.errorHandler(
          500,
          ctx -> {
            LOG.log(Level.SEVERE, "request failed", ctx.failure());
            Problems.send(ctx, 500, "Internal Server Error", "");
          });

      HttpServerOptions options =
          new HttpServerOptions()
              .setHost(config.host())
              .setPort(config.port())
              .setIdleTimeout((int) limits.idleTimeout().toMillis())
              .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
              .setMaxHeaderSize(limits.maxHeaderSize())
              .setMaxInitialLineLength(limits.maxInitialLineLength())
              // HTTP/1.1 only: no cleartext HTTP/2 (TLS offers no ALPN either), so every
              // connection is an HTTP/1.1 connection from its first byte and the header timeout
              // counts from the moment it is accepted.
              .setHttp2ClearTextEnabled(false)
              .setUseAlpn(false);
      if (config.tlsEnabled()) {
        DevCertificate cert =
            DevCertificate.loadOrCreate(config.dataDir().resolve("tls"), config.host(), clock);
        options
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setCertPath(cert.certPath().toString())
                    .setKeyPath(cert.keyPath().toString()));
      }
      HttpServer server =
          vertx
              .createHttpServer(options)
              .connectionHandler(guard::connectionOpened)
              .requestHandler(router);
      await(server.listen());
      ParleyServer running = new ParleyServer(config, metrics, vertx, router, server, components);
      self[0] = running;
      Logging.event(
          LOG,
          Level.INFO,
          "parley listening",
          Map.of("url", running.baseUrl(), "dataDir", config.dataDir().toString()));
      return running;
    } catch (Exception | Error e) {
      closeAll(components);
      await(vertx.close());
      metrics.close();
      throw e;
    }
  }

  /**
   * Returns the base URL, for example {@code http://127.0.0.1:8080}.
   *
   * @return the URL clients use
   */
  public String baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return (config.tlsEnabled() ? "https" : "http") + "://" + host + ":" + server.actualPort();
  }

  /**
   * Returns the router, so tests can compare its routes with the contract.
   *
   * @return the router
   */
  public Router router() {
    return router;
  }

  /**
   * Returns a hosted component by type.
   *
   * @param type the component class
   * @param <T> the component type
   * @return the component, if hosted
   */
  public <T extends Component> java.util.Optional<T> component(Class<T> type) {
    return components.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * Returns the Vert.x instance.
   *
   * @return Vert.x
   */
  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops gracefully: stop accepting, finish in-flight requests, close every component.
   *
   * @throws Exception if waiting is interrupted
   */
  public void stop() throws Exception {
    if (stopping) {
      return;
    }
    stopping = true;
    Logging.event(
        LOG,
        Level.INFO,
        "parley shutting down",
        Map.of("graceSeconds", config.shutdownGrace().toSeconds()));
    try {
      await(server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS));
    } finally {
      closeAll(components);
      await(vertx.close());
      metrics.close();
      LOG.info("parley stopped");
    }
  }

  private static void closeAll(List<Component> components) {
    for (int i = components.size() - 1; i >= 0; i--) {
      Component c = components.get(i);
      try {
        c.close();
      } catch (Exception e) {
        Logging.event(
            LOG,
            Level.SEVERE,
            "component failed to close",
            Map.of("component", c.name(), "error", e.getClass().getName()));
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  /** The HTTP listener itself: ready while accepting requests. */
  private record HttpComponent(java.util.function.BooleanSupplier accepting) implements Component {
    @Override
    public String name() {
      return "http";
    }

    @Override
    public Readiness readiness() {
      return accepting.getAsBoolean() ? Readiness.up() : Readiness.down("not accepting requests");
    }
  }

  /** The data directory: ready while it exists and is writable. */
  private record DataDirComponent(java.nio.file.Path dir) implements Component {
    @Override
    public String name() {
      return "data";
    }

    @Override
    public Readiness readiness() {
      if (!Files.isDirectory(dir)) {
        return Readiness.down("data directory " + dir + " is missing");
      }
      return Files.isWritable(dir)
          ? Readiness.up()
          : Readiness.down("data directory " + dir + " is not writable");
    }
  }
}
