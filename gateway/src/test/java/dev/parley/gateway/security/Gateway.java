package dev.parley.gateway.security;

import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.Authentication;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real gateway for the security tests: the given components (by default every production
 * component) in a temporary data directory, three registered partners ({@code acme}, {@code
 * globex}, {@code initech}), and helpers to call it as any kind of caller and to snapshot what it
 * stores.
 */
final class Gateway implements AutoCloseable {
  /** The registered partners. */
  static final List<String> PARTNERS = List.of("acme", "globex", "initech");

  final ParleyServer server;
  final Path data;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A caller: a label for messages and the headers that carry its credential. */
  record Caller(String label, Map<String, String> headers) {
    static final Caller NONE = new Caller("anonymous", Map.of());
  }

  /** A response: status, headers we look at, and the body as text. */
  record Response(int status, String contentType, String body) {}

  private Gateway(ParleyServer server, Path data) {
    this.server = server;
    this.data = data;
  }

  /** Starts every production component on loopback. */
  static Gateway start(Path data) throws Exception {
    return start(data, ProductionComponents.all(), ParleyServer.Limits.DEFAULTS);
  }

  /** Starts the given components with the given limits. */
  static Gateway start(Path data, List<ComponentFactory> factories, ParleyServer.Limits limits)
      throws Exception {
    ParleyServer s =
        ParleyServer.start(
            TestServers.config(data, TlsMode.AUTO), Clock.systemUTC(), factories, limits);
    Gateway g = new Gateway(s, data);
    g.component(ConsentComponent.class)
        .ifPresent(
            c -> {
              for (String p : PARTNERS) {
                c.store().registerPartner(new Partner(p, "Partner " + p, OptionalInt.empty()));
              }
            });
    return g;
  }

  <T extends dev.parley.gateway.health.Component> Optional<T> component(Class<T> type) {
    return server.component(type);
  }

  AuthComponent auth() {
    return component(AuthComponent.class).orElseThrow();
  }

  ConsentStore consent() {
    return component(ConsentComponent.class).orElseThrow().store();
  }

  /** A new API key of a partner. */
  Caller partner(String id) throws IOException {
    String key =
        auth().apiKeys().create(Role.PARTNER, Optional.of(id), new SecureRandom()).plaintext();
    return new Caller("partner " + id, Map.of("Authorization", "Bearer " + key));
  }

  /** A new auditor key. */
  Caller auditor() throws IOException {
    String key =
        auth().apiKeys().create(Role.AUDITOR, Optional.empty(), new SecureRandom()).plaintext();
    return new Caller("auditor", Map.of("Authorization", "Bearer " + key));
  }

  /** A new consent-center session of a subject, with its anti-CSRF token. */
  Caller consumer(SubjectToken subject) {
    SessionRegistry.NewSession s = auth().sessions().create(subject, false);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Cookie", SessionRegistry.COOKIE + "=" + s.cookie().getValue());
    h.put(Authentication.CSRF_HEADER, s.csrfToken());
    return new Caller("consumer", h);
  }

  /** A 32-byte subject token, distinct per {@code i}. */
  static SubjectToken token(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[1] = (byte) (i >> 8);
    b[2] = 0x5a;
    return SubjectToken.of(b);
  }

  Response send(
      Caller c, String method, String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30));
    c.headers().forEach(b::header);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> r =
        http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(
        r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
  }

  Response get(Caller c, String path) throws IOException, InterruptedException {
    return send(c, "GET", path, null, null);
  }

  Response postJson(Caller c, String path, String json) throws IOException, InterruptedException {
    return send(c, "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** The ledger's size. */
  long ledgerSize() {
    return component(LedgerComponent.class).orElseThrow().store().latest().checkpoint().size();
  }

  /** What the stores hold, for "nothing changed" checks: ledger size and consent triples. */
  record Snapshot(long ledgerSize, long consentTriples) {}

  Snapshot snapshot() {
    return new Snapshot(ledgerSize(), consent().tripleCount());
  }

  /** The Prometheus exposition. */
  String metrics() throws IOException, InterruptedException {
    return get(Caller.NONE, "/metrics").body();
  }

  /** The value of {@code parley_security_events_total{event=...}}. */
  double securityEvents(String event) throws IOException, InterruptedException {
    Pattern p =
        Pattern.compile(
            "^parley_security_events_total\\{event=\"" + event + "\"[^}]*} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);
    Matcher m = p.matcher(metrics());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The six-digit code of the newest dev-mailbox message to {@code address}. */
  String mailedCode(String address) throws IOException {
    Path box = data.resolve("dev-mailbox");
    try (Stream<Path> files = Files.list(box)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.contains("\r\nTo: " + address + "\r\n")) {
          Matcher m =
              Pattern.compile("\\b(\\d{6})\\b").matcher(text.substring(text.indexOf("\r\n\r\n")));
          if (m.find()) {
            return m.group(1);
          }
        }
      }
    }
    throw new IOException("no code mailed to " + address);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the gateway", e);
    } catch (Exception e) {
      throw new IllegalStateException("stopping the gateway failed", e);
    }
  }
}
