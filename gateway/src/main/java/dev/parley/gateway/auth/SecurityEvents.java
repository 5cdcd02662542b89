package dev.parley.gateway.auth;

import dev.parley.gateway.logging.Logging;
import dev.parley.gateway.validation.OperationIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Security events as Micrometer counters ({@code parley.security.events}, tag {@code event} with a
 * fixed set of values) and structured log lines. Neither carries a credential, a subject token or
 * an IP address; log lines carry the route template and operationId from the contract (never the
 * raw path, which may hold a subject token), the method and the principal's {@link
 * Principal#label() label}.
 */
public final class SecurityEvents {
  static final String CONTEXT_KEY = "parley.securityEvents";
  private static final Logger LOG = Logger.getLogger(SecurityEvents.class.getName());

  /** The kinds of security event; the metric tag takes exactly these values. */
  public enum Kind {
    /** A credential was presented but was not valid. */
    BAD_CREDENTIAL,
    /** An operation needing credentials was called without any. */
    UNAUTHENTICATED,
    /** An authenticated caller was refused an operation or another party's data. */
    DENIED,
    /** A session-authenticated state change came without the right anti-CSRF token. */
    CSRF,
    /** A caller exceeded its rate limit. */
    RATE_LIMITED,
    /** A one-time sign-in code was wrong or expired. */
    SIGN_IN_FAILED,
    /** A request did not match the contract (400, 404, 413 or 415 before any route ran). */
    VALIDATION_REJECTED
  }

  private final Map<Kind, Counter> counters = new EnumMap<>(Kind.class);

  /**
   * Registers the counters.
   *
   * @param meters the registry
   */
  public SecurityEvents(MeterRegistry meters) {
    for (Kind k : Kind.values()) {
      counters.put(
          k,
          Counter.builder("parley.security.events")
              .description(
                  "Security events: failed sign-ins, denials, rate-limit hits, validation rejects")
              .tag("event", k.name().toLowerCase(java.util.Locale.ROOT))
              .register(meters));
    }
  }

  static SecurityEvents of(RoutingContext ctx) {
    SecurityEvents events = ctx.get(CONTEXT_KEY);
    if (events == null) {
      throw new IllegalStateException("Authentication must run before Access");
    }
    return events;
  }

  /**
   * Records one event for a request.
   *
   * @param kind what happened
   * @param ctx the request
   */
  public void record(Kind kind, RoutingContext ctx) {
    counters.get(kind).increment();
    Optional<OperationIndex.Match> op = OperationIndex.of(ctx);
    String route =
        op.map(m -> m.operation().path().template())
            .orElse(ctx.currentRoute() == null ? null : ctx.currentRoute().getPath());
    Logging.event(
        LOG,
        Level.WARNING,
        "security event",
        Map.of(
            "event", kind.name().toLowerCase(java.util.Locale.ROOT),
            "method", ctx.request().method().name(),
            "route", route == null ? "unmatched" : route,
            "operation", op.map(m -> m.operation().id()).orElse("none"),
            "principal", Access.principal(ctx).label()));
  }

  void unauthenticated(RoutingContext ctx) {
    record(Kind.UNAUTHENTICATED, ctx);
  }

  void denied(RoutingContext ctx) {
    record(Kind.DENIED, ctx);
  }
}
