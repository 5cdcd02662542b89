package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.auth.Authentication;
import dev.parley.gateway.security.Gateway.Caller;
import dev.parley.gateway.security.Gateway.Response;
import dev.parley.gateway.validation.ContractOperation;
import dev.parley.gateway.validation.ContractRole;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls every operation of {@code openapi.yaml} over real HTTP, against every production component,
 * as each kind of caller, and checks the outcome against the operation's {@code x-parley-roles}:
 * callers without credentials get 401 and callers of another role 403; callers of an allowed role
 * never get 401, 403 or a 5xx; and on another party's data (another subject's consent, another
 * partner's uploads, collaborations and results) an allowed role still gets 403 or 404.
 *
 * <p>Fixtures are created through the routes themselves. An operation without a fixture fails the
 * test, so a new operation cannot ship unchecked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {
  /** Who calls. {@code OTHER_*} is the same role as the fixture's owner but another party. */
  enum Who {
    NONE,
    CONSUMER,
    OTHER_CONSUMER,
    PARTNER,
    OTHER_PARTNER,
    AUDITOR
  }

  /** Whose data an operation's fixture touches. */
  enum Owner {
    NOBODY,
    CONSUMER,
    PARTNER
  }

  /** One request. */
  record Call(
      String method, String path, String contentType, String body, Map<String, String> headers) {
    static Call get(String path) {
      return new Call("GET", path, null, null, Map.of());
    }

    static Call json(String method, String path, String body) {
      return new Call(method, path, "application/json", body, Map.of());
    }
  }

  /** How to call an operation as a given caller, and whose data it touches. */
  interface Fixture {
    Call call(Who who) throws Exception;

    default Owner owner() {
      return Owner.NOBODY;
    }

    /** Names of another party's data that callers other than its owner must never see. */
    default List<String> secrets() {
      return List.of();
    }
  }

  @TempDir static Path data;
  private Gateway gw;
  private final Map<Who, Caller> keys = new EnumMap<>(Who.class);
  private final Map<String, Fixture> fixtures = new TreeMap<>();
  private final SubjectToken subject = Gateway.token(1);
  private final SubjectToken otherSubject = Gateway.token(2);
  private int emails;

  @BeforeAll
  void start() throws Exception {
    gw = Gateway.start(data);
    keys.put(Who.NONE, Caller.NONE);
    keys.put(Who.PARTNER, gw.partner("acme"));
    keys.put(Who.OTHER_PARTNER, gw.partner("globex"));
    keys.put(Who.AUDITOR, gw.auditor());
    consentFixtures();
    CleanRoomFixtures.add(gw, fixtures);
  }

  @AfterAll
  void stop() throws Exception {
    gw.close();
  }

  private Caller caller(Who who) {
    return switch (who) {
      case CONSUMER -> gw.consumer(subject);
      case OTHER_CONSUMER -> gw.consumer(otherSubject);
      default -> keys.get(who);
    };
  }

  private static Fixture same(Call c) {
    return who -> c;
  }

  private static Fixture ofConsumer(Call c) {
    return new Fixture() {
      @Override
      public Call call(Who who) {
        return c;
      }

      @Override
      public Owner owner() {
        return Owner.CONSUMER;
      }
    };
  }

  private void consentFixtures() throws Exception {
    String s = "/consent/subjects/" + subject.toBase64Url();
    String grant = "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\"}";
    Response decided = gw.postJson(gw.consumer(subject), s + "/decisions", grant);
    assertEquals(201, decided.status(), decided.body());
    long index = new JsonObject(decided.body()).getJsonObject("record").getLong("ledgerIndex");
    String element = Base64.getEncoder().encodeToString(RistrettoElement.generator().encode());
    String tc = Seeds.tcStrings().get("all-purposes-vendor-755");

    fixtures.put("getLive", same(Call.get("/health/live")));
    fixtures.put("getReady", same(Call.get("/health/ready")));
    fixtures.put("getMetrics", same(Call.get("/metrics")));
    fixtures.put("getContract", same(Call.get("/openapi.yaml")));
    fixtures.put("getMatchingKeys", same(Call.get("/oprf/keys")));
    fixtures.put(
        "evaluateBlinded",
        same(Call.json("POST", "/oprf/evaluate", "{\"blindedElements\":[\"" + element + "\"]}")));
    fixtures.put("getCheckpoint", same(Call.get("/ledger/checkpoint")));
    fixtures.put("getVerifierKey", same(Call.get("/ledger/vkey")));
    fixtures.put("getTile", same(Call.get("/ledger/tile/0/000.p/1")));
    fixtures.put("getInclusionProof", same(Call.get("/ledger/proof/inclusion?index=0&size=1")));
    fixtures.put("getConsistencyProof", same(Call.get("/ledger/proof/consistency?old=1")));
    fixtures.put("getEntry", same(Call.get("/ledger/entries/0")));
    fixtures.put("getConsentCatalog", same(Call.get("/consent/catalog")));
    fixtures.put("getConsentState", ofConsumer(Call.get(s)));
    fixtures.put("getConsentHistory", ofConsumer(Call.get(s + "/history")));
    fixtures.put("getConsentReceipt", ofConsumer(Call.get(s + "/receipts/" + index)));
    fixtures.put("exportConsentSubject", ofConsumer(Call.get(s + "/export")));
    fixtures.put("recordConsentDecision", ofConsumer(Call.json("POST", s + "/decisions", grant)));
    fixtures.put("eraseConsentSubject", ofConsumer(new Call("DELETE", s, null, null, Map.of())));
    fixtures.put(
        "importTcfStrings",
        same(
            Call.json(
                "POST",
                "/consent/tcf",
                "{\"records\":[{\"subject\":\""
                    + Gateway.token(3).toBase64Url()
                    + "\",\"tcString\":\""
                    + tc
                    + "\"}]}")));
    fixtures.put(
        "queryConsentGraph",
        same(
            new Call(
                "POST",
                "/consent/sparql",
                "application/sparql-query",
                "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                Map.of())));
    fixtures.put(
        "startSignIn",
        who -> Call.json("POST", "/signin/start", "{\"email\":\"" + newAddress() + "\"}"));
    fixtures.put("verifySignIn", who -> verifyCall());
    fixtures.put("getSignInSession", same(Call.get("/signin/session")));
    fixtures.put("signOut", same(new Call("POST", "/signin/logout", null, null, Map.of())));
    fixtures.put("getConsentCenterPage", same(Call.get("/consent-center/")));
  }

  private String newAddress() {
    emails++;
    return "matrix-" + emails + "@example.com";
  }

  /** A verify call with a fresh challenge and its mailed code (a wrong code is a 401 by design). */
  private Call verifyCall() throws Exception {
    String address = newAddress();
    Response started = gw.postJson(Caller.NONE, "/signin/start", "{\"email\":\"" + address + "\"}");
    assertEquals(202, started.status(), started.body());
    String challenge = new JsonObject(started.body()).getString("challenge");
    return Call.json(
        "POST",
        "/signin/verify",
        new JsonObject().put("challenge", challenge).put("code", gw.mailedCode(address)).encode());
  }

  private Response send(Who who, Call call) throws Exception {
    Caller c = caller(who);
    List<String> headers = new ArrayList<>();
    call.headers()
        .forEach(
            (k, v) -> {
              headers.add(k);
              headers.add(v);
            });
    byte[] body = call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8);
    return gw.send(
        c, call.method(), call.path(), call.contentType(), body, headers.toArray(String[]::new));
  }

  private static ContractRole role(Who who) {
    return switch (who) {
      case NONE -> ContractRole.PUBLIC;
      case CONSUMER, OTHER_CONSUMER -> ContractRole.CONSUMER;
      case PARTNER, OTHER_PARTNER -> ContractRole.PARTNER;
      case AUDITOR -> ContractRole.AUDITOR;
    };
  }

  @Test
  void contract_everyOperation_hasAFixture() {
    TreeSet<String> missing = new TreeSet<>();
    for (ContractOperation op : gw.auth().operations().operations()) {
      if (!fixtures.containsKey(op.id())) {
        missing.add(op.id());
      }
    }
    assertEquals(new TreeSet<>(), missing, "operations without a fixture in RoleMatrixTest");
  }

  @Test
  void everyOperation_everyCaller_outcomeMatchesContractRoles() throws Exception {
    List<ContractOperation> ops = new ArrayList<>(gw.auth().operations().operations());
    ops.removeIf(op -> !fixtures.containsKey(op.id())); // reported by contract_everyOperation_...
    // Destructive operations last, and their allowed caller last of all.
    ops.sort(
        java.util.Comparator.comparing((ContractOperation o) -> o.method().name().equals("DELETE"))
            .thenComparing(ContractOperation::id));
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (ContractOperation op : ops) {
      Fixture f = fixtures.get(op.id());
      List<Who> order = new ArrayList<>(List.of(Who.values()));
      if (op.method().name().equals("DELETE")) {
        order.remove(Who.CONSUMER);
        order.add(Who.CONSUMER);
        order.remove(Who.PARTNER);
        order.add(Who.PARTNER);
      }
      for (Who who : order) {
        Response r = send(who, f.call(who));
        calls++;
        String problem = check(op, f.owner(), who, r.status());
        boolean answered = r.status() >= 200 && r.status() < 300;
        if (problem == null
            && answered
            && (who == Who.OTHER_PARTNER || who == Who.OTHER_CONSUMER)) {
          for (String secret : f.secrets()) {
            if (r.body().contains(secret)) {
              problem = "another party's data leaked: " + secret;
            }
          }
        }
        if (Boolean.getBoolean("parley.matrix.print")) {
          System.out.println("matrix " + op.id() + " " + who + " " + r.status());
        }
        if (problem != null) {
          failures.add(
              op.id()
                  + " as "
                  + who
                  + ": "
                  + problem
                  + " (got "
                  + r.status()
                  + " "
                  + abbreviate(r.body())
                  + ")");
        }
      }
    }
    assertEquals(List.of(), failures, "role matrix violations");
    assertTrue(calls >= ops.size() * Who.values().length, "every operation called by every caller");
  }

  @Test
  void crossParty_consumerOnAnotherSubject_403AndNothingRead() throws Exception {
    Caller other = gw.consumer(otherSubject);
    String s = "/consent/subjects/" + subject.toBase64Url();
    for (String suffix : List.of("", "/history", "/export")) {
      Response r = gw.get(other, s + suffix);
      assertEquals(403, r.status(), suffix + ": " + r.body());
      assertTrue(!r.body().contains("ledgerIndex"), "no record leaks: " + r.body());
    }
    Gateway.Snapshot before = gw.snapshot();
    assertEquals(
        403,
        gw.postJson(
                other,
                s + "/decisions",
                "{\"partner\":\"acme\",\"purpose\":\"measurement\",\"status\":\"given\"}")
            .status());
    assertEquals(before, gw.snapshot(), "nothing written for another subject");
  }

  private static String check(ContractOperation op, Owner owner, Who who, int status) {
    boolean roleAllowed = op.isPublic() || op.roles().contains(role(who));
    if (!roleAllowed) {
      int expected = who == Who.NONE ? 401 : 403;
      return status == expected ? null : "expected " + expected;
    }
    boolean foreign =
        (owner == Owner.CONSUMER && who == Who.OTHER_CONSUMER)
            || (owner == Owner.PARTNER && who == Who.OTHER_PARTNER);
    if (foreign && !op.isPublic()) {
      return status == 403 || status == 404 ? null : "expected 403 or 404 on another party's data";
    }
    if (status == 401 || status == 403) {
      return "an allowed caller was refused";
    }
    return status >= 500 ? "server error" : null;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  static String csrfHeader() {
    return Authentication.CSRF_HEADER;
  }
}
