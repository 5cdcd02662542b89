package dev.parley.gateway.consent;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ErasureReceipt;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.auth.Access;
import dev.parley.gateway.auth.SessionRegistry;
import dev.parley.gateway.server.Problems;
import dev.parley.ledger.entry.EntryFormatException;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.store.LedgerStore;
import dev.parley.ledger.store.Receipts;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The consumer's routes under {@code /consent/subjects/{subject}}: state, history, decisions,
 * receipts, export and erasure. {@link #requireOwn} runs before each of them and admits only the
 * consent-center session bound to {@code {subject}} ({@link Access#mayActFor}).
 */
final class SubjectRoutes {
  private static final String SUBJECT_KEY = "parley.consent.subject";

  private final ConsentStore store;
  private final LedgerStore ledger;
  private final SessionRegistry sessions;
  private final Clock clock;

  SubjectRoutes(ConsentStore store, LedgerStore ledger, SessionRegistry sessions, Clock clock) {
    this.store = store;
    this.ledger = ledger;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** {@code GET /consent/subjects/{subject}}: the effective state of every decided pair. */
  void state(RoutingContext ctx) {
    SubjectToken s = subject(ctx);
    Blocking.run(
        ctx,
        () -> ConsentJson.states(store.currentState(s, clock.instant())),
        json -> sendJson(ctx, 200, json));
  }

  /** {@code GET /consent/subjects/{subject}/history}: every record, newest first. */
  void history(RoutingContext ctx) {
    SubjectToken s = subject(ctx);
    Blocking.run(
        ctx, () -> ConsentJson.history(store.history(s)), json -> sendJson(ctx, 200, json));
  }

  /** {@code POST /consent/subjects/{subject}/decisions}: records a decision, answers 201. */
  void decide(RoutingContext ctx) {
    SubjectToken s = subject(ctx);
    byte[] body = Blocking.body(ctx);
    Blocking.run(
        ctx,
        () -> {
          Instant now = clock.instant();
          DecisionRequest req =
              DecisionRequest.parse(body, store.partners().stream().map(Partner::id).toList(), now);
          ConsentDecision d = req.toDecision(s, now);
          ConsentReceipt r = store.record(d);
          return new JsonObject()
              .put("record", ConsentJson.historyItems(new ConsentRecord(d, r.ledgerIndex())).get(0))
              .put("receipt", ConsentJson.receipt(Receipts.forIndex(ledger, r.ledgerIndex())));
        },
        json -> {
          long index = json.getJsonObject("record").getLong("ledgerIndex");
          ctx.response()
              .putHeader(
                  "location",
                  "/consent/subjects/" + ctx.pathParam("subject") + "/receipts/" + index);
          sendJson(ctx, 201, json);
        });
  }

  /**
   * {@code GET /consent/subjects/{subject}/receipts/{index}}: a fresh receipt for one of the
   * subject's {@code consent.changed} entries. Any other index, including every entry of an erased
   * subject (whose commitment can no longer be computed), is 404.
   */
  void receipt(RoutingContext ctx) {
    SubjectToken s = subject(ctx);
    String raw = ctx.pathParam("index");
    long index;
    try {
      index = Long.parseLong(raw);
      if (index < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      Problems.send(
          ctx,
          400,
          "Bad Request",
          "index: must be a non-negative integer, got '" + DecisionRequest.printable(raw) + "'");
      return;
    }
    Blocking.run(
        ctx,
        () -> {
          if (!isConsentEntryOf(s, index)) {
            throw ProblemException.notFound(
                "no consent entry of this subject at ledger index " + index);
          }
          return ConsentJson.receipt(Receipts.forIndex(ledger, index));
        },
        json -> {
          ctx.response()
              .putHeader(
                  "content-disposition",
                  "attachment; filename=\"parley-receipt-" + index + ".json\"");
          sendJson(ctx, 200, json);
        });
  }

  /**
   * Whether ledger entry {@code index} is a {@code consent.changed} entry whose {@code subject} is
   * this subject's salted commitment.
   */
  private boolean isConsentEntryOf(SubjectToken subject, long index) {
    Optional<String> commitment = store.commitment(subject);
    if (commitment.isEmpty() || index >= ledger.latest().checkpoint().size()) {
      return false;
    }
    LedgerEntry entry;
    try {
      entry = LedgerEntry.decode(ledger.reader().entry(index));
    } catch (EntryFormatException e) {
      return false;
    }
    return entry.type() == EntryType.CONSENT_CHANGED
        && entry.body().get("subject").orElse(null) instanceof JsonString s
        && MessageDigest.isEqual(
            s.value().getBytes(StandardCharsets.US_ASCII),
            commitment.get().getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code GET /consent/subjects/{subject}/export}: everything about the subject, JSON-LD. */
  void export(RoutingContext ctx) {
    SubjectToken s = subject(ctx);
    Blocking.run(
        ctx,
        () -> store.exportJsonLd(s),
        jsonLd ->
            ctx.response()
                .putHeader("content-type", "application/ld+json")
                .putHeader(
                    "content-disposition", "attachment; filename=\"parley-consent-export.jsonld\"")
                .putHeader("cache-control", "no-store")
                .end(jsonLd));
  }

  /**
   * {@code DELETE /consent/subjects/{subject}}: erases the subject, ends every session bound to it
   * and expires the caller's session cookie.
   */
  void erase(RoutingContext ctx) {
    SubjectToken s = subject(ctx);
    Blocking.run(
        ctx,
        () -> {
          Optional<ErasureReceipt> r = store.erase(s);
          sessions.revokeAll(s);
          JsonObject out =
              new JsonObject()
                  .put("erased", r.isPresent())
                  .put("records", r.map(ErasureReceipt::recordsRemoved).orElse(0));
          r.ifPresent(
              e ->
                  out.put(
                      "receipt", ConsentJson.receipt(Receipts.forIndex(ledger, e.ledgerIndex()))));
          return out;
        },
        json -> {
          ctx.response()
              .addCookie(
                  Cookie.cookie(SessionRegistry.COOKIE, "")
                      .setPath("/")
                      .setMaxAge(0)
                      .setHttpOnly(true)
                      .setSecure(ctx.request().isSSL())
                      .setSameSite(CookieSameSite.STRICT));
          sendJson(ctx, 200, json);
        });
  }

  /**
   * A handler mounted before every subject route: parses {@code {subject}} and lets the request
   * through only for a consent-center session bound to it (400 for a malformed token, 403 for
   * anyone else's subject).
   */
  static void requireOwn(RoutingContext ctx) {
    SubjectToken s;
    try {
      s = SubjectToken.fromBase64Url(ctx.pathParam("subject"));
    } catch (IllegalArgumentException e) {
      Problems.send(
          ctx, 400, "Bad Request", "subject: " + e.getMessage().replaceFirst("^token: ", ""));
      return;
    }
    if (!Access.mayActFor(ctx, s)) {
      Access.deny(ctx, "a consent-center session may act only on its own subject");
      return;
    }
    ctx.put(SUBJECT_KEY, s);
    ctx.next();
  }

  /** The subject {@link #requireOwn} admitted. */
  private static SubjectToken subject(RoutingContext ctx) {
    SubjectToken s = ctx.get(SUBJECT_KEY);
    if (s == null) {
      throw new IllegalStateException("requireOwn must run before subject routes");
    }
    return s;
  }

  /** Sends personal data as JSON, never cached. */
  static void sendJson(RoutingContext ctx, int status, JsonObject json) {
    HttpServerResponse r = ctx.response();
    r.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(json.encode());
  }
}
