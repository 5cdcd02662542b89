package dev.parley.gateway.auth;

import dev.parley.gateway.server.Problems;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every request: asks each {@link PrincipalResolver} in turn, stores the first
 * principal found (or {@link Principal.Anonymous}) on the routing context, and enforces the consent
 * center's anti-CSRF rule.
 *
 * <p>A request that presents a credential which is not valid ends with 401 here, even on public
 * routes, so a client never silently runs as anonymous after its key was revoked. A consumer
 * (cookie) session that changes state must echo its session's anti-CSRF token in the {@value
 * #CSRF_HEADER} header (the "synchronizer token" pattern); the token never travels in a cookie, so
 * another site cannot forge it.
 */
public final class Authentication implements Handler<RoutingContext> {
  /** The routing-context key under which the principal is stored. */
  public static final String PRINCIPAL_KEY = "parley.principal";

  /** The header carrying the anti-CSRF token on state-changing consumer requests. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final List<PrincipalResolver> resolvers;
  private final SecurityEvents events;

  /**
   * Creates the handler.
   *
   * @param resolvers the credential kinds, asked in order
   * @param events where security events are recorded
   */
  public Authentication(List<PrincipalResolver> resolvers, SecurityEvents events) {
    this.resolvers = List.copyOf(resolvers);
    this.events = events;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(SecurityEvents.CONTEXT_KEY, events);
    Principal principal = new Principal.Anonymous();
    try {
      for (PrincipalResolver r : resolvers) {
        Optional<Principal> found = r.resolve(ctx.request());
        if (found.isPresent()) {
          principal = found.get();
          break;
        }
      }
    } catch (AuthenticationException e) {
      events.record(SecurityEvents.Kind.BAD_CREDENTIAL, ctx);
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"parley\"");
      Problems.send(ctx, 401, "Unauthorized", e.getMessage());
      return;
    }
    ctx.put(PRINCIPAL_KEY, principal);
    if (principal instanceof Principal.Anonymous
        && ctx.request().getCookie(SessionRegistry.COOKIE) != null) {
      // A session cookie the registry does not know (restart, expiry, sign-out): forget it.
      ctx.response()
          .addCookie(
              Cookie.cookie(SessionRegistry.COOKIE, "")
                  .setPath("/")
                  .setMaxAge(0)
                  .setHttpOnly(true)
                  .setSameSite(CookieSameSite.STRICT));
    }
    if (principal instanceof Principal.Consumer c && !SAFE.contains(ctx.request().method())) {
      String sent = ctx.request().getHeader(CSRF_HEADER);
      if (sent == null
          || !MessageDigest.isEqual(
              sent.getBytes(StandardCharsets.UTF_8),
              c.csrfToken().getBytes(StandardCharsets.UTF_8))) {
        events.record(SecurityEvents.Kind.CSRF, ctx);
        Problems.send(
            ctx, 403, "Forbidden", "missing or wrong " + CSRF_HEADER + " header for this session");
        return;
      }
    }
    ctx.next();
  }
}
