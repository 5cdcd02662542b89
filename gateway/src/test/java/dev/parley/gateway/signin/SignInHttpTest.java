package dev.parley.gateway.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.cleanroom.keys.MatchingKey;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.testing.MutableClock;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.config.SmtpSettings;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import dev.parley.gateway.web.ConsentCenterComponent;
import dev.parley.ledger.secret.SecretKeyAccess;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in over real HTTP, with codes delivered by a real in-process SMTP server (GreenMail). */
class SignInHttpTest {
  private static final String EMAIL = "Jane.Doe@Example.org";
  private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("parley", "s3cret-pw"));

  @TempDir Path data;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private ParleyServer server;
  private Browserless person;

  @BeforeEach
  void start() throws Exception {
    SmtpSettings smtp =
        SmtpSettings.fromEnvironment(
            Map.of(
                SmtpSettings.ENV_HOST, "127.0.0.1",
                SmtpSettings.ENV_PORT, Integer.toString(SMTP.getSmtp().getPort()),
                SmtpSettings.ENV_STARTTLS, "disabled",
                SmtpSettings.ENV_USERNAME, "parley",
                SmtpSettings.ENV_PASSWORD, "s3cret-pw",
                SmtpSettings.ENV_FROM, "signin@parley.example"));
    server =
        ParleyServer.start(
            TestServers.config(data, TlsMode.AUTO),
            clock,
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                ConsentCenterComponent.factory(ctx -> smtp, SignInChallenges.Limits.DEFAULT)));
    person = new Browserless(server.baseUrl());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private String startSignIn(String email) throws Exception {
    HttpResponse<String> r =
        person.send("POST", "/signin/start", new JsonObject().put("email", email).encode());
    assertEquals(202, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertEquals(
        clock.instant().plus(Duration.ofMinutes(10)), Instant.parse(body.getString("expiresAt")));
    return body.getString("challenge");
  }

  private String lastCode(int expectedMails) throws Exception {
    assertTrue(SMTP.waitForIncomingEmail(10_000, expectedMails), "mail arrived by SMTP");
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertEquals(expectedMails, mails.length);
    Matcher m = CODE.matcher(GreenMailUtil.getBody(mails[mails.length - 1]));
    assertTrue(m.find(), "a 6-digit code in the mail");
    return m.group(1);
  }

  private HttpResponse<String> verify(String challenge, String code) throws Exception {
    return person.send(
        "POST",
        "/signin/verify",
        new JsonObject().put("challenge", challenge).put("code", code).encode());
  }

  private static String wrong(String code) {
    return String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  private double securityEvents(String event) throws Exception {
    String metrics = person.send("GET", "/metrics", null).body();
    Matcher m =
        Pattern.compile(
                "parley_security_events_total\\{[^}]*event=\"" + event + "\"[^}]*\\} ([0-9.E]+)")
            .matcher(metrics);
    assertTrue(m.find(), "security event counter " + event);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void signIn_codeBySmtp_sessionBoundToTheUploadToken() throws Exception {
    try (LogCapture logs = new LogCapture(Level.INFO)) {
      String challenge = startSignIn(EMAIL);
      String code = lastCode(1);
      MimeMessage mail = SMTP.getReceivedMessages()[0];
      assertEquals(EMAIL, mail.getAllRecipients()[0].toString());
      assertEquals("signin@parley.example", mail.getFrom()[0].toString());
      assertEquals(SignInMail.SUBJECT, mail.getSubject());

      HttpResponse<String> r = verify(challenge, code);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject session = new JsonObject(r.body());
      MatchingKey key = server.component(MatchingComponent.class).orElseThrow().keyring().active();
      byte[] uploadToken =
          Tokenizer.create(OprfMode.VOPRF, key.key(), SecretKeyAccess.grant())
              .token(IdentifierHash.of(Normalizer.normalizeEmail("jane.doe@example.org")));
      assertEquals(SubjectToken.of(uploadToken).toBase64Url(), session.getString("subject"));
      assertEquals(64, SubjectToken.fromBase64Url(session.getString("subject")).length());
      assertEquals(
          clock.instant().plus(Duration.ofMinutes(15)),
          Instant.parse(session.getString("expiresAt")));
      String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
      assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("; httponly"), setCookie);
      assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
      assertFalse(setCookie.contains("Secure"), "plain HTTP on loopback: " + setCookie);

      HttpResponse<String> again = person.send("GET", "/signin/session", null);
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(session, new JsonObject(again.body()));

      for (String line : logs.lines()) {
        if (line.contains(" com.icegreen.")) {
          continue; // the receiving mail server's own log, not Parley's
        }
        assertFalse(line.toLowerCase(Locale.ROOT).contains("jane.doe"), line);
        assertFalse(line.contains(code), line);
      }
    }
  }

  @Test
  void verify_wrongCode_401WithAttemptsLeftAndSecurityEvent() throws Exception {
    String challenge = startSignIn(EMAIL);
    String code = lastCode(1);
    double before = securityEvents("sign_in_failed");
    HttpResponse<String> r = verify(challenge, wrong(code));
    assertEquals(401, r.statusCode());
    assertEquals("code: wrong; 4 attempts left", new JsonObject(r.body()).getString("detail"));
    assertEquals(before + 1, securityEvents("sign_in_failed"));
    assertEquals(200, verify(challenge, code).statusCode(), "the right code still works");
  }

  @Test
  void verify_fiveWrongCodes_challengeVoidEvenForTheRightCode() throws Exception {
    String challenge = startSignIn(EMAIL);
    String code = lastCode(1);
    for (int i = 0; i < 5; i++) {
      assertEquals(401, verify(challenge, wrong(code)).statusCode());
    }
    HttpResponse<String> r = verify(challenge, code);
    assertEquals(401, r.statusCode());
    assertTrue(new JsonObject(r.body()).getString("detail").contains("void"), r.body());
    assertEquals(401, person.send("GET", "/signin/session", null).statusCode());
  }

  @Test
  void verify_afterTenMinutes_expired() throws Exception {
    String challenge = startSignIn(EMAIL);
    String code = lastCode(1);
    clock.advance(Duration.ofMinutes(10));
    HttpResponse<String> r = verify(challenge, code);
    assertEquals(401, r.statusCode());
    assertEquals("code: expired; request a new code", new JsonObject(r.body()).getString("detail"));
  }

  @Test
  void verify_codeUsedTwice_secondRefused() throws Exception {
    String challenge = startSignIn(EMAIL);
    String code = lastCode(1);
    assertEquals(200, verify(challenge, code).statusCode());
    Browserless other = new Browserless(server.baseUrl());
    HttpResponse<String> r =
        other.send(
            "POST",
            "/signin/verify",
            new JsonObject().put("challenge", challenge).put("code", code).encode());
    assertEquals(401, r.statusCode());
  }

  @Test
  void start_badInput_400NamingTheProblemAndNoMail() throws Exception {
    HttpResponse<String> r =
        person.send("POST", "/signin/start", new JsonObject().put("email", "jane").encode());
    assertEquals(400, r.statusCode());
    String detail = new JsonObject(r.body()).getString("detail");
    assertTrue(detail.startsWith("email: "), detail);
    r = person.send("POST", "/signin/start", "{\"email\":\"a@b.org\",\"name\":\"x\"}");
    assertEquals(400, r.statusCode());
    assertEquals(
        "name: unknown field; expected email", new JsonObject(r.body()).getString("detail"));
    r = person.send("POST", "/signin/start", "[1]");
    assertEquals(400, r.statusCode());
    r = person.send("POST", "/signin/start", "{\"email\":7}");
    assertEquals(
        "email: must be a string, got a number", new JsonObject(r.body()).getString("detail"));
    assertEquals(0, SMTP.getReceivedMessages().length);
  }

  @Test
  void start_sixthCodeForOneAddress_429WithRetryAfterAndSecurityEvent() throws Exception {
    for (int i = 0; i < 5; i++) {
      startSignIn(i % 2 == 0 ? EMAIL : " jane.doe@example.org");
    }
    double before = securityEvents("rate_limited");
    HttpResponse<String> r =
        person.send("POST", "/signin/start", new JsonObject().put("email", EMAIL).encode());
    assertEquals(429, r.statusCode());
    assertEquals("900", r.headers().firstValue("retry-after").orElseThrow());
    assertEquals(before + 1, securityEvents("rate_limited"));
    assertEquals(5, SMTP.getReceivedMessages().length);
  }

  @Test
  void logout_needsCsrfThenEndsSessionAndClearsCookie() throws Exception {
    String challenge = startSignIn(EMAIL);
    JsonObject session = new JsonObject(verify(challenge, lastCode(1)).body());
    assertEquals(403, person.send("POST", "/signin/logout", null).statusCode());
    HttpResponse<String> r =
        person.send("POST", "/signin/logout", null, "X-CSRF-Token", session.getString("csrfToken"));
    assertEquals(204, r.statusCode(), r.body());
    String cleared = r.headers().firstValue("set-cookie").orElseThrow();
    assertTrue(cleared.startsWith("parley_session=;"), cleared);
    assertTrue(cleared.contains("Max-Age=0"), cleared);
    List<HttpCookie> left = person.cookies().getCookieStore().getCookies();
    assertTrue(left.isEmpty(), "cookie removed: " + left);
    assertEquals(401, person.send("GET", "/signin/session", null).statusCode());
    assertEquals(0, server.component(AuthComponent.class).orElseThrow().sessions().size());
    assertNotNull(session.getString("subject"));
  }
}
