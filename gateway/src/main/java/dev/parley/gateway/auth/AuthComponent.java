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

  private AuthComponent(ApiKeyStore apiKeys, SessionRegistry sessions, SecurityEvents events) {
    this.apiKeys = apiKeys;
    this.sessions = sessions;
    this.events = events;
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
            new SecurityEvents(ctx.meters()));
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
  }

  @Override
  public Readiness readiness() {
    return Readiness.up();
  }
}
