package dev.parley.gateway.consent;

import dev.parley.cleanroom.testing.MutableClock;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.Authentication;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A real gateway for the consent API tests: ledger, auth, matching and consent components in a
 * temporary data directory, a clock the test moves, two registered partners ({@code acme} with TCF
 * vendor id 755, {@code globex}) and helpers to call it as a partner, an auditor or a consumer.
 */
final class ConsentApiServer {
  /** When every test starts. */
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final ParleyServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A credential: the headers to send. */
  record Caller(Map<String, String> headers) {
    static final Caller NONE = new Caller(Map.of());

    /** The same caller without one header. */
    Caller without(String header) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.remove(header);
      return new Caller(h);
    }
  }

  /** A consumer session: its subject and credential. */
  record Consumer(SubjectToken subject, Caller caller) {
    /** The subject as it appears in paths. */
    String path() {
      return "/consent/subjects/" + subject.toBase64Url();
    }
  }

  ConsentApiServer(Path data, Duration sparqlTimeout) throws Exception {
    this(data, sparqlTimeout, true);
  }

  /** Starts the server; registers {@code acme} and {@code globex} if {@code withPartners}. */
  ConsentApiServer(Path data, Duration sparqlTimeout, boolean withPartners) throws Exception {
    server =
        ParleyServer.start(
            TestServers.config(data, TlsMode.AUTO),
            clock,
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                ConsentComponent.factory(sparqlTimeout)));
    if (withPartners) {
      store().registerPartner(new Partner("acme", "Acme Retail", OptionalInt.of(755)));
      store().registerPartner(Partner.of("globex", "Globex Media"));
    }
  }

  ConsentStore store() {
    return server.component(ConsentComponent.class).orElseThrow().store();
  }

  LedgerStore ledger() {
    return server.component(LedgerComponent.class).orElseThrow().store();
  }

  private AuthComponent auth() {
    return server.component(AuthComponent.class).orElseThrow();
  }

  /** A partner API key's caller. */
  Caller partner(String id) throws IOException {
    return bearer(auth().apiKeys().create(Role.PARTNER, Optional.of(id), new SecureRandom()));
  }

  /** An auditor API key's caller. */
  Caller auditor() throws IOException {
    return bearer(auth().apiKeys().create(Role.AUDITOR, Optional.empty(), new SecureRandom()));
  }

  private static Caller bearer(dev.parley.gateway.auth.ApiKeyStore.Created key) {
    return new Caller(Map.of("Authorization", "Bearer " + key.plaintext()));
  }

  /** A consent-center session for subject number {@code i}, with its anti-CSRF token. */
  Consumer consumer(int i) {
    SubjectToken s = token(i);
    SessionRegistry.NewSession session = auth().sessions().create(s, false);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Cookie", session.cookie().getName() + "=" + session.cookie().getValue());
    h.put(Authentication.CSRF_HEADER, session.csrfToken());
    return new Consumer(s, new Caller(h));
  }

  /** A 32-byte subject token, distinct per {@code i}. */
  static SubjectToken token(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[1] = 0x42;
    return SubjectToken.of(b);
  }

  HttpResponse<String> get(Caller c, String path) throws Exception {
    return send(c, "GET", path, null, null);
  }

  HttpResponse<String> delete(Caller c, String path) throws Exception {
    return send(c, "DELETE", path, null, null);
  }

  HttpResponse<String> postJson(Caller c, String path, String json) throws Exception {
    return send(c, "POST", path, "application/json", json);
  }

  HttpResponse<String> send(Caller c, String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    c.headers().forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The TC strings of {@code tc-strings.tsv}, by name. */
  static Map<String, String> tcStrings() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = ConsentApiServer.class.getResourceAsStream("tc-strings.tsv")) {
      if (in == null) {
        throw new IOException("tc-strings.tsv is missing from the test class path");
      }
      List<String> lines =
          new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      for (String line : lines) {
        if (!line.isBlank() && !line.startsWith("#")) {
          int tab = line.indexOf('\t');
          out.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    }
    return out;
  }

  /** Stops the server, closing every store. */
  void stop() throws Exception {
    server.stop();
  }
}
