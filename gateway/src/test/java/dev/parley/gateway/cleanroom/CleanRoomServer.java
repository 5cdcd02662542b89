package dev.parley.gateway.cleanroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.auth.Authentication;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.cli.ParleyCommand;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.partner.PartnerClient;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import picocli.CommandLine;

/**
 * A real gateway with every production component in a temporary data directory, registered partners
 * {@code acme}, {@code globex} and {@code initech}, and helpers to act as them over HTTP: API keys
 * from {@link AuthComponent#apiKeys()}, the partner client and command line, consent grants and
 * consumer withdrawals, and the subject token of {@code user<i>@example.com}.
 */
final class CleanRoomServer implements AutoCloseable {
  static final List<String> PARTNERS = List.of("acme", "globex", "initech");

  final Path data;
  final ParleyServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  CleanRoomServer(Path data) throws Exception {
    this.data = data;
    this.server = TestServers.start(data, ProductionComponents.all());
    for (String p : PARTNERS) {
      consent().registerPartner(Partner.of(p, p.toUpperCase(java.util.Locale.ROOT)));
    }
  }

  ConsentStore consent() {
    return server.component(ConsentComponent.class).orElseThrow().store();
  }

  CleanRoomComponent cleanRoom() {
    return server.component(CleanRoomComponent.class).orElseThrow();
  }

  String url() {
    return server.baseUrl();
  }

  /** A new API key of a partner (plaintext). */
  String key(String partner) throws Exception {
    return server
        .component(AuthComponent.class)
        .orElseThrow()
        .apiKeys()
        .create(Role.PARTNER, Optional.of(partner), new SecureRandom())
        .plaintext();
  }

  PartnerClient client(String partner) throws Exception {
    return PartnerClient.create(URI.create(url()), key(partner));
  }

  static String email(int i) {
    return "user" + i + "@example.com";
  }

  /** The subject token of {@code user<i>@example.com}, as sign-in and uploads compute it. */
  SubjectToken subject(int i) {
    var key = server.component(MatchingComponent.class).orElseThrow().keyring().active();
    Tokenizer t = Tokenizer.create(OprfMode.VOPRF, key.key(), SecretKeyAccess.grant());
    return SubjectToken.of(t.token(IdentifierHash.of(Normalizer.normalizeEmail(email(i)))));
  }

  /** Grants consent for audience insights to {@code partner} for subjects 0..n-1 matching. */
  void grant(String partner, int n, IntPredicate which) {
    List<ConsentDecision> grants = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (which.test(i)) {
        grants.add(
            ConsentDecision.builder()
                .subject(subject(i))
                .partner(partner)
                .status(ConsentStatus.GIVEN)
                .time(Instant.now().minusSeconds(60))
                .source(ConsentSource.BULK_IMPORT)
                .policyVersion("v1")
                .purpose(Purpose.AUDIENCE_INSIGHTS)
                .build());
      }
    }
    consent().importBulk(grants);
  }

  /** Subject i withdraws its consent to {@code partner} through the consent API. */
  HttpResponse<String> withdraw(int i, String partner) throws Exception {
    SubjectToken s = subject(i);
    SessionRegistry.NewSession session =
        server.component(AuthComponent.class).orElseThrow().sessions().create(s, false);
    String body =
        "{\"partner\":\""
            + partner
            + "\",\"purpose\":\"audience-insights\",\"status\":\"withdrawn\"}";
    HttpRequest r =
        HttpRequest.newBuilder(
                URI.create(url() + "/consent/subjects/" + s.toBase64Url() + "/decisions"))
            .header("Cookie", session.cookie().getName() + "=" + session.cookie().getValue())
            .header(Authentication.CSRF_HEADER, session.csrfToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a raw request as a partner, or anonymously if {@code key} is null. */
  HttpResponse<String> send(String key, String method, String path, String contentType, byte[] body)
      throws Exception {
    return sendWithHeader(key, method, path, contentType, body, null, null);
  }

  /** Sends a raw request with one extra header (if {@code header} is not null). */
  HttpResponse<String> sendWithHeader(
      String key,
      String method,
      String path,
      String contentType,
      byte[] body,
      String header,
      String value)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path));
    if (header != null) {
      b.header(header, value);
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The outcome of a command line run. */
  record Run(int code, String out, String err) {}

  /** Runs {@code parley ARGS} in-process, capturing its output. */
  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ParleyCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The number of distinct tokens in a dataset's latest version, counted by the engine. */
  long tokenCount(String partner, String dataset) {
    return countSubjects(partner, dataset, Optional.empty());
  }

  /**
   * Asserts that a dataset's latest version holds exactly the distinct tokens {@code expected}
   * (hex): it counts as many as expected, and as many again with them as its subject filter (no
   * engine operation returns tokens).
   */
  void assertTokens(String partner, String dataset, Set<String> expected) {
    List<byte[]> tokens = new ArrayList<>();
    expected.forEach(t -> tokens.add(HexFormat.of().parseHex(t)));
    String probe = "test_expected_tokens";
    cleanRoom().engine().createTokenSet(probe, tokens.iterator());
    try {
      assertEquals(
          List.of((long) expected.size(), (long) expected.size()),
          List.of(
              tokenCount(partner, dataset), countSubjects(partner, dataset, Optional.of(probe))),
          "tokens of " + partner + "/" + dataset + " (all, and among the expected)");
    } finally {
      cleanRoom().engine().dropTokenSet(probe);
    }
  }

  private long countSubjects(String partner, String dataset, Optional<String> filter) {
    TableRef table = cleanRoom().datasets().latest(partner, dataset).orElseThrow().table();
    AggregateResult r =
        cleanRoom()
            .engine()
            .aggregate(
                new AggregationPlan(
                    List.of(table), filter, List.of(), List.of(Aggregate.countSubjects()), 0, 0));
    return r.rows().getFirst().subjects();
  }

  @Override
  public void close() throws java.io.IOException {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException("interrupted while stopping", e);
    } catch (Exception e) {
      throw new java.io.IOException("cannot stop the server", e);
    }
  }
}
