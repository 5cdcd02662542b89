package dev.parley.gateway.auth;

import dev.parley.consent.model.SubjectToken;
import dev.parley.gateway.server.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Per-route authorization: which roles may call a route, and on whose data.
 *
 * <p>{@link Authentication} must run first (it is mounted on every route by {@link AuthComponent});
 * a route then adds {@code Access.allow(...)} before its handler. A caller with no credentials gets
 * 401; a caller whose role is not allowed gets 403. Ownership ("this subject", "this partner") is
 * checked in the handler with {@link #mayActFor(RoutingContext, SubjectToken)} and {@link
 * #isPartner(RoutingContext, String)}, because only the handler knows whose data it touches.
 */
public final class Access {
  private Access() {}

  /**
   * Returns a handler that lets the request through only for the given roles.
   *
   * @param first a role allowed to call the route
   * @param more further allowed roles
   * @return the handler
   */
  public static Handler<RoutingContext> allow(Role first, Role... more) {
    Set<Role> allowed = EnumSet.of(first, more);
    return ctx -> {
      if (permits(ctx, allowed)) {
        ctx.next();
      }
    };
  }

  /**
   * Checks the caller's role; on refusal ends the request (401 without credentials, 403 for another
   * role) and records the security event.
   *
   * @param ctx the request
   * @param allowed the roles allowed
   * @return true if the request may continue
   */
  static boolean permits(RoutingContext ctx, Set<Role> allowed) {
    Principal p = principal(ctx);
    if (p.role().isEmpty()) {
      SecurityEvents.of(ctx).unauthenticated(ctx);
      Problems.send(ctx, 401, "Unauthorized", "this operation needs credentials");
      return false;
    }
    if (!allowed.contains(p.role().get())) {
      deny(
          ctx,
          "role "
              + p.role().get().name().toLowerCase(java.util.Locale.ROOT)
              + " may not call this operation");
      return false;
    }
    return true;
  }

  /**
   * Returns the authenticated caller of a request.
   *
   * @param ctx the request
   * @return the principal; {@link Principal.Anonymous} if none was authenticated
   */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(Authentication.PRINCIPAL_KEY);
    return p == null ? new Principal.Anonymous() : p;
  }

  /**
   * Returns whether the caller is the consumer whose session is bound to {@code subject}.
   *
   * @param ctx the request
   * @param subject the subject whose data the route touches
   * @return true only for that subject's own session
   */
  public static boolean mayActFor(RoutingContext ctx, SubjectToken subject) {
    return principal(ctx) instanceof Principal.Consumer c && c.subject().equals(subject);
  }

  /**
   * Returns whether the caller is the given partner.
   *
   * @param ctx the request
   * @param partnerId the partner whose data the route touches
   * @return true only for an API key of that partner
   */
  public static boolean isPartner(RoutingContext ctx, String partnerId) {
    return principal(ctx) instanceof Principal.Partner p && p.partnerId().equals(partnerId);
  }

  /**
   * Ends the request with 403 and records a denial (metric and log line, without identifiers).
   *
   * @param ctx the request
   * @param detail why, naming the resource kind but never a token or key
   */
  public static void deny(RoutingContext ctx, String detail) {
    SecurityEvents.of(ctx).denied(ctx);
    Problems.send(ctx, 403, "Forbidden", detail);
  }
}
