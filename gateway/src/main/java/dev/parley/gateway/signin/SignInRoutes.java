package dev.parley.gateway.signin;

import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.auth.Access;
import dev.parley.gateway.auth.Principal;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.auth.SecurityEvents;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.logging.Logging;
import dev.parley.gateway.server.Problems;
import dev.parley.gateway.signin.mail.Mailer;
import dev.parley.gateway.signin.mail.OutgoingMail;
import dev.parley.gateway.validation.BodyLimits;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consent center's sign-in by one-time code mailed to the person.
 *
 * <ul>
 *   <li>{@code POST /signin/start {"email"}}: turns the address into the subject token ({@link
 *       EmailSubjects}), opens a challenge ({@link SignInChallenges}), mails the code, forgets the
 *       address; 202 {@code {"challenge","expiresAt"}}.
 *   <li>{@code POST /signin/verify {"challenge","code"}}: on the right code starts a session bound
 *       to the subject (cookie, Secure on TLS connections); 200 {@code
 *       {"subject","csrfToken","expiresAt"}}. Anything else is 401 and a {@code sign_in_failed}
 *       security event.
 *   <li>{@code GET /signin/session} (consumer): the same body for the current session.
 *   <li>{@code POST /signin/logout} (consumer, anti-CSRF header): ends the session; 204.
 * </ul>
 */
public final class SignInRoutes {
  private static final Logger LOG = Logger.getLogger(SignInRoutes.class.getName());

  private final EmailSubjects subjects;
  private final SignInChallenges challenges;
  private final Mailer mailer;
  private final String from;
  private final SessionRegistry sessions;
  private final SecurityEvents events;
  private final SessionExpiries expiries;

  /**
   * Creates the routes.
   *
   * @param subjects maps addresses to subject tokens
   * @param challenges the open challenges
   * @param mailer delivers codes
   * @param from the sender address of sign-in mails
   * @param sessions the consumer session registry
   * @param events the security event recorder
   * @param clock the clock (session expiry bookkeeping)
   */
  public SignInRoutes(
      EmailSubjects subjects,
      SignInChallenges challenges,
      Mailer mailer,
      String from,
      SessionRegistry sessions,
      SecurityEvents events,
      Clock clock) {
    this.subjects = Objects.requireNonNull(subjects, "subjects");
    this.challenges = Objects.requireNonNull(challenges, "challenges");
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.from = Objects.requireNonNull(from, "from");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.events = Objects.requireNonNull(events, "events");
    this.expiries = new SessionExpiries(clock);
  }

  /**
   * Adds the four routes.
   *
   * @param router the gateway router
   */
  public void mount(Router router) {
    router
        .post("/signin/start")
        .handler(BodyHandler.create().setBodyLimit(BodyLimits.of("startSignIn")))
        .handler(this::start);
    router
        .post("/signin/verify")
        .handler(BodyHandler.create().setBodyLimit(BodyLimits.of("verifySignIn")))
        .handler(this::verify);
    router.get("/signin/session").handler(Access.allow(Role.CONSUMER)).handler(this::session);
    router.post("/signin/logout").handler(Access.allow(Role.CONSUMER)).handler(this::logout);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx, Set.of("email"));
    if (body == null) {
      return;
    }
    if (!(body.getValue("email") instanceof String email)) {
      Problems.send(ctx, 400, "Bad Request", "email: required, a string");
      return;
    }
    SubjectToken subject;
    String to;
    try {
      subject = subjects.subjectOf(email);
      to = SignInMail.deliveryAddress(email);
    } catch (IllegalArgumentException e) { // InvalidIdentifierException among them
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
      return;
    }
    SignInChallenges.Issued issued;
    try {
      issued = challenges.issue(subject);
    } catch (RateLimitedException e) {
      events.record(SecurityEvents.Kind.RATE_LIMITED, ctx);
      ctx.response()
          .putHeader("retry-after", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
      Problems.send(ctx, 429, "Too Many Requests", e.getMessage());
      return;
    }
    OutgoingMail mail = SignInMail.compose(from, to, issued.code(), issued.expiresAt());
    mailer
        .send(mail)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                json(
                    ctx,
                    202,
                    new JsonObject()
                        .put("challenge", issued.challengeId())
                        .put("expiresAt", issued.expiresAt().toString()));
              } else {
                challenges.withdraw(issued.challengeId());
                Logging.event(
                    LOG,
                    Level.WARNING,
                    "sign-in code not delivered",
                    Map.of("mailer", mailer.description(), "error", ar.cause().getMessage()));
                Problems.send(
                    ctx,
                    503,
                    "Service Unavailable",
                    "email: the sign-in code could not be sent; try again later");
              }
            });
  }

  private void verify(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx, Set.of("challenge", "code"));
    if (body == null) {
      return;
    }
    if (!(body.getValue("challenge") instanceof String challenge)) {
      Problems.send(ctx, 400, "Bad Request", "challenge: required, a string");
      return;
    }
    if (!(body.getValue("code") instanceof String code)) {
      Problems.send(ctx, 400, "Bad Request", "code: required, a string");
      return;
    }
    SignInChallenges.Outcome outcome;
    try {
      outcome = challenges.verify(challenge, code);
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
      return;
    }
    switch (outcome) {
      case SignInChallenges.Outcome.Verified v -> {
        sessions.revoke(ctx.request());
        SessionRegistry.NewSession s = sessions.create(v.subject(), ctx.request().isSSL());
        expiries.put(s.csrfToken(), s.expiresAt());
        ctx.response().addCookie(s.cookie());
        json(ctx, 200, sessionBody(v.subject(), s.csrfToken(), s.expiresAt()));
      }
      case SignInChallenges.Outcome.Rejected r -> {
        events.record(SecurityEvents.Kind.SIGN_IN_FAILED, ctx);
        Problems.send(ctx, 401, "Unauthorized", rejection(r));
      }
    }
  }

  private void session(RoutingContext ctx) {
    if (!(Access.principal(ctx) instanceof Principal.Consumer c)) {
      Access.deny(ctx, "only a consent-center session has a session");
      return;
    }
    json(
        ctx,
        200,
        sessionBody(c.subject(), c.csrfToken(), expiries.get(c.csrfToken()).orElse(null)));
  }

  private void logout(RoutingContext ctx) {
    if (Access.principal(ctx) instanceof Principal.Consumer c) {
      expiries.remove(c.csrfToken());
    }
    sessions.revoke(ctx.request());
    ctx.response()
        .addCookie(
            Cookie.cookie(SessionRegistry.COOKIE, "")
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(ctx.request().isSSL())
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(0));
    ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
  }

  static String rejection(SignInChallenges.Outcome.Rejected r) {
    return switch (r.reason()) {
      case UNKNOWN -> "challenge: unknown or already used; request a new code";
      case EXPIRED -> "code: expired; request a new code";
      case WRONG_CODE ->
          "code: wrong; "
              + r.attemptsLeft()
              + (r.attemptsLeft() == 1 ? " attempt" : " attempts")
              + " left";
      case VOIDED ->
          "code: too many wrong attempts ("
              + SignInChallenges.MAX_FAILED_ATTEMPTS
              + "); this code is void, request a new one";
    };
  }

  private static JsonObject sessionBody(SubjectToken subject, String csrf, Instant expiresAt) {
    JsonObject o = new JsonObject().put("subject", subject.toBase64Url()).put("csrfToken", csrf);
    if (expiresAt != null) {
      o.put("expiresAt", expiresAt.toString());
    }
    return o;
  }

  private static JsonObject jsonBody(RoutingContext ctx, Set<String> allowed) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      Problems.send(ctx, 400, "Bad Request", "body: must be a JSON object");
      return null;
    }
    for (String name : body.fieldNames()) {
      if (!allowed.contains(name)) {
        Problems.send(
            ctx,
            400,
            "Bad Request",
            name + ": unknown field; expected " + String.join(", ", new TreeSet<>(allowed)));
        return null;
      }
    }
    return body;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body.encode());
  }
}
