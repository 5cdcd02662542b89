package dev.parley.gateway.auth;

import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.validation.ContractDocument;
import dev.parley.gateway.validation.ContractValidation;
import dev.parley.gateway.validation.OperationIndex;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * The request gate in front of every route: API keys (partners, auditors) and consent-center
 * sessions (consumers), per-caller rate limits, and the contract's roles and schemas.
 *
 * <p>Its handlers run before any component's routes, whatever the mount order ({@link
 * ParleyServer#GATE_ORDER}): find the request's operation in {@code openapi.yaml}; authenticate;
 * rate-limit (except the public health, metrics, contract and ledger reads, tags {@value
 * #OPERATIONS_TAG} and {@value #LEDGER_TAG}, which auditors and probes fetch in bulk); enforce the
 * operation's {@code x-parley-roles} ({@link ContractAccess}); validate the request against the
 * contract ({@link ContractValidation}). Requests no operation matches are only authenticated and
 * rate-limited.
 */
public final class AuthComponent implements Component {
  /** The contract tag of health, metrics and contract operations (not rate-limited). */
  public static final String OPERATIONS_TAG = "operations";

  /** The contract tag of the ledger's public reads (not rate-limited). */
  public static final String LEDGER_TAG = "ledger";

  private static final Set<String> UNLIMITED_TAGS = Set.of(OPERATIONS_TAG, LEDGER_TAG);

  private final ApiKeyStore apiKeys;
  private final SessionRegistry sessions;
  private final SecurityEvents events;
  private final RateLimiter limiter;
  private final OperationIndex operations;
  private final ContractValidation validation;

  /** Sustained requests per second each caller may make. */
  public static final double RATE_PER_SECOND = 200;

  /** The most requests a caller may make in a burst. */
  public static final double RATE_BURST = 400;

  private AuthComponent(
      ApiKeyStore apiKeys,
      SessionRegistry sessions,
      SecurityEvents events,
      RateLimiter limiter,
      OperationIndex operations,
      ContractValidation validation) {
    this.apiKeys = apiKeys;
    this.sessions = sessions;
    this.events = events;
    this.limiter = limiter;
    this.operations = operations;
    this.validation = validation;
  }

  /**
   * Returns the factory.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return ctx -> {
      SecurityEvents events = new SecurityEvents(ctx.meters());
      ContractDocument contract = ContractDocument.load();
      OperationIndex operations = new OperationIndex(contract.operations());
      ContractValidation validation =
          ContractValidation.create(
              ctx.vertx(),
              contract,
              operations,
              rejected -> events.record(SecurityEvents.Kind.VALIDATION_REJECTED, rejected));
      return new AuthComponent(
          ApiKeyStore.open(ctx.dataDir(), ctx.clock()),
          new SessionRegistry(ctx.clock(), SessionRegistry.DEFAULT_TTL, new SecureRandom()),
          events,
          new RateLimiter(ctx.clock(), RATE_PER_SECOND, RATE_BURST),
          operations,
          validation);
    };
  }

  /**
   * Returns the contract's operations, as the gate matches requests to them.
   *
   * @return the index
   */
  public OperationIndex operations() {
    return operations;
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
    int order = ParleyServer.GATE_ORDER;
    router.route().order(order).handler(operations.lookup());
    router.route().order(order + 1).handler(new Authentication(List.of(apiKeys, sessions), events));
    router.route().order(order + 2).handler(this::rateLimit);
    router.route().order(order + 3).handler(new ContractAccess());
    validation.mount(router, order + 4);
  }

  private void rateLimit(RoutingContext ctx) {
    boolean unlimited =
        OperationIndex.of(ctx)
            .map(
                m ->
                    !m.operation().tags().isEmpty()
                        && UNLIMITED_TAGS.containsAll(m.operation().tags()))
            .orElse(false);
    if (unlimited) {
      ctx.next();
    } else {
      limiter.handle(ctx);
    }
  }

  @Override
  public Readiness readiness() {
    return Readiness.up();
  }
}
