package dev.parley.gateway.cli;

import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.Authentication;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.config.ParleyConfig;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.ledger.io.DurableFiles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley bench load}: sustained consent traffic through the whole gateway (authentication,
 * rate limits, contract validation, ledger, consent store) against a plain Vert.x JSON endpoint
 * under the same client load, in one run.
 *
 * <p>A real gateway (every production component) starts on loopback in a temporary data directory
 * with {@code --sessions} consent-center sessions; {@code --clients} threads, each with its own
 * {@code java.net.http} client and one request in flight, then alternate consent writes ({@code
 * POST /consent/subjects/{s}/decisions}) and reads ({@code GET /consent/subjects/{s}}) on random
 * sessions for {@code --seconds}. The same clients then call a trivial Vert.x JSON handler on
 * another port for {@code --plain-seconds}. Any response but 201 (writes) or 200 (reads, plain) is
 * an error. The last line reads {@code bench load: writes_per_s=... reads_per_s=...
 * write_p50_ms=... write_p99_ms=... read_p50_ms=... read_p99_ms=... plain_per_s=...
 * plain_p50_ms=... plain_p99_ms=... errors=...}.
 */
@Command(
    name = "load",
    description =
        "Consent writes and reads through the full gateway vs a plain Vert.x endpoint, same clients.")
public final class LoadBenchCommand implements Callable<Integer> {
  private static final List<String> PARTNERS = List.of("acme", "globex", "initech");
  private static final List<String> PURPOSES =
      List.of("measurement", "audience-insights", "basic-ads", "product-improvement");
  private static final List<String> STATUSES = List.of("given", "withdrawn", "refused");

  @Option(
      names = "--seconds",
      defaultValue = "300",
      description = "How long the gateway is driven (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--plain-seconds",
      description = "How long the plain endpoint is driven (default: a fifth of --seconds, >= 5).")
  Integer plainSeconds;

  @Option(
      names = "--clients",
      defaultValue = "32",
      description =
          "Concurrent HTTP clients, one request in flight each (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--write-percent",
      defaultValue = "50",
      description =
          "Share of the clients that write; the others read, 0-100 (default ${DEFAULT-VALUE}).")
  int writePercent;

  @Option(
      names = "--sessions",
      defaultValue = "4000",
      description = "Consumer sessions (subjects) the clients act for (default ${DEFAULT-VALUE}).")
  int sessions;

  /** One session's credential headers. */
  private record Session(String path, String cookie, String csrf) {}

  /** Latencies (microseconds) and counts of one kind of request. */
  private static final class Series {
    private long[] micros = new long[1 << 16];
    private int size;

    synchronized void add(long us) {
      if (size == micros.length) {
        micros = Arrays.copyOf(micros, size * 2);
      }
      micros[size++] = us;
    }

    synchronized long[] sorted() {
      long[] out = Arrays.copyOf(micros, size);
      Arrays.sort(out);
      return out;
    }
  }

  /** What a phase measured. */
  private record Stats(long count, double perSecond, double p50Ms, double p99Ms) {
    static Stats of(Series s, double seconds) {
      long[] v = s.sorted();
      return new Stats(v.length, v.length / seconds, percentile(v, 0.50), percentile(v, 0.99));
    }

    private static double percentile(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return sorted[Math.max(0, i)] / 1000.0;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (seconds < 1 || clients < 1 || sessions < 1 || writePercent < 0 || writePercent > 100) {
      throw new IllegalArgumentException(
          "--seconds, --clients and --sessions must be at least 1, --write-percent 0-100");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int plain = plainSeconds != null ? plainSeconds : Math.max(5, seconds / 5);
    Path dir = Files.createTempDirectory("parley-bench-load");
    AtomicLong errors = new AtomicLong();
    Series writes = new Series();
    Series reads = new Series();
    Series plainSeries = new Series();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      ParleyServer gateway = startGateway(dir);
      List<Session> all;
      try {
        all = sessions(gateway);
        out.println(
            "bench load: gateway "
                + gateway.baseUrl()
                + ", "
                + all.size()
                + " sessions, "
                + clients
                + " clients, "
                + seconds
                + " s");
        int writers = (int) Math.round(clients * writePercent / 100.0);
        drive(
            pool,
            seconds,
            errors,
            (http, random, client) ->
                consentCall(http, random, gateway.baseUrl(), all, client < writers, writes, reads));
      } finally {
        gateway.stop();
      }
      Vertx vertx = Vertx.vertx();
      try {
        HttpServer server =
            vertx
                .createHttpServer()
                .requestHandler(
                    req ->
                        req.response()
                            .putHeader("content-type", "application/json")
                            .end("{\"ok\":true}"))
                .listen(freePort(), "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + server.actualPort() + "/plain";
        out.println("bench load: plain Vert.x endpoint " + url + ", " + plain + " s");
        drive(pool, plain, errors, (http, random, client) -> plainCall(http, url, plainSeries));
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      DurableFiles.deleteTree(dir);
    }
    Stats w = Stats.of(writes, seconds);
    Stats r = Stats.of(reads, seconds);
    Stats p = Stats.of(plainSeries, plain);
    out.printf(
        java.util.Locale.ROOT,
        "bench load: writes_per_s=%.1f reads_per_s=%.1f write_p50_ms=%.2f write_p99_ms=%.2f"
            + " read_p50_ms=%.2f read_p99_ms=%.2f plain_per_s=%.1f plain_p50_ms=%.2f"
            + " plain_p99_ms=%.2f errors=%d%n",
        w.perSecond(),
        r.perSecond(),
        w.p50Ms(),
        w.p99Ms(),
        r.p50Ms(),
        r.p99Ms(),
        p.perSecond(),
        p.p50Ms(),
        p.p99Ms(),
        errors.get());
    return errors.get() == 0 ? 0 : 1;
  }

  private static ParleyServer startGateway(Path dir) throws Exception {
    ParleyConfig config =
        ParleyConfig.builder()
            .host("127.0.0.1")
            .port(freePort())
            .dataDir(dir.resolve("data"))
            .tls(TlsMode.AUTO)
            .shutdownGrace(Duration.ofSeconds(10))
            .build();
    ParleyServer server = ParleyServer.start(config, Clock.systemUTC(), ProductionComponents.all());
    ConsentComponent consent = server.component(ConsentComponent.class).orElseThrow();
    for (String p : PARTNERS) {
      consent.store().registerPartner(new Partner(p, "Bench partner " + p, OptionalInt.empty()));
    }
    return server;
  }

  private List<Session> sessions(ParleyServer server) {
    SessionRegistry registry = server.component(AuthComponent.class).orElseThrow().sessions();
    List<Session> out = new ArrayList<>(sessions);
    for (int i = 0; i < sessions; i++) {
      byte[] token = new byte[32];
      token[0] = (byte) i;
      token[1] = (byte) (i >>> 8);
      token[2] = (byte) (i >>> 16);
      token[31] = 0x6c;
      SubjectToken subject = SubjectToken.of(token);
      SessionRegistry.NewSession s = registry.create(subject, false);
      out.add(
          new Session(
              "/consent/subjects/" + subject.toBase64Url(),
              SessionRegistry.COOKIE + "=" + s.cookie().getValue(),
              s.csrfToken()));
    }
    return out;
  }

  /** One request of a phase; returns normally or throws, and records its own latency. */
  @FunctionalInterface
  private interface Call {
    boolean run(HttpClient http, SplittableRandom random, int client) throws Exception;
  }

  private void drive(ExecutorService pool, int phaseSeconds, AtomicLong errors, Call call)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(phaseSeconds);
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      SplittableRandom random = new SplittableRandom(0x10AD + c);
      int client = c;
      workers.add(
          pool.submit(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                try {
                  while (System.nanoTime() < deadline) {
                    try {
                      if (!call.run(http, random, client)) {
                        errors.incrementAndGet();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return null;
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                  }
                } finally {
                  http.close();
                }
                return null;
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
  }

  private static boolean consentCall(
      HttpClient http,
      SplittableRandom random,
      String base,
      List<Session> sessions,
      boolean write,
      Series writes,
      Series reads)
      throws Exception {
    Session s = sessions.get(random.nextInt(sessions.size()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + s.path() + (write ? "/decisions" : "")))
            .timeout(Duration.ofSeconds(30))
            .header("Cookie", s.cookie());
    if (write) {
      String body =
          "{\"partner\":\""
              + PARTNERS.get(random.nextInt(PARTNERS.size()))
              + "\",\"purpose\":\""
              + PURPOSES.get(random.nextInt(PURPOSES.size()))
              + "\",\"status\":\""
              + STATUSES.get(random.nextInt(STATUSES.size()))
              + "\"}";
      b.header(Authentication.CSRF_HEADER, s.csrf())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.GET();
    }
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    long us = (System.nanoTime() - t0) / 1000;
    (write ? writes : reads).add(us);
    return r.statusCode() == (write ? 201 : 200);
  }

  private static boolean plainCall(HttpClient http, String url, Series plain) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    plain.add((System.nanoTime() - t0) / 1000);
    return r.statusCode() == 200;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
