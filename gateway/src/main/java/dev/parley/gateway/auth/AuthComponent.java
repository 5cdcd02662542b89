package dev.parley.gateway.auth;

import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.server.ComponentFactory;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.util.List;

/**
 * Authentication for every route: API keys (partners, auditors) and consent-center sessions
 * (consumers). It must be created before every component whose routes need a principal, because its
 * handler is mounted on all paths when it mounts.
 */
public final class AuthComponent implements Component {
  private final ApiKeyStore apiKeys;
  private final SessionRegistry sessions;
  private final SecurityEvents events;
  private final RateLimiter limiter;

  /** Sustained requests per second each caller may make. */
  public static final double RATE_PER_SECOND = 200;

  /** The most requests a caller may make in a burst. */
  public static final double RATE_BURST = 400;

  private AuthComponent(
      ApiKeyStore apiKeys, SessionRegistry sessions, SecurityEvents events, RateLimiter limiter) {
    this.apiKeys = apiKeys;
    this.sessions = sessions;
    this.events = events;
    this.limiter = limiter;
  }

  /**
   * Returns the factory.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return ctx ->
        new AuthComponent(
            ApiKeyStore.open(ctx.dataDir(), ctx.clock()),
            new SessionRegistry(ctx.clock(), SessionRegistry.DEFAULT_TTL, new SecureRandom()),
            new SecurityEvents(ctx.meters()),
            new RateLimiter(ctx.clock(), RATE_PER_SECOND, RATE_BURST));
  }

  /**
   * Returns the API key store.
   *
   * @return the store
   */
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  /**
   * Returns the consumer session registry.
   *
   * @return the registry
   */
  public SessionRegistry sessions() {
    return sessions;
  }

  /**
   * Returns the security event recorder.
   *
   * @return the recorder
   */
  public SecurityEvents events() {
    return events;
  }

  @Override
  public String name() {
    return "auth";
  }

  @Override
  public void mount(Router router) {
    router.route().handler(new Authentication(List.of(apiKeys, sessions), events));
    router.route().handler(limiter);
  }

  @Override
  public Readiness readiness() {
    return Readiness.up();
  }
}
