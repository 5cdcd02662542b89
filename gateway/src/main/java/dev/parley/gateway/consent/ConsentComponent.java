package dev.parley.gateway.consent;

import dev.parley.consent.journal.LedgerJournal;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.ledger.store.LedgerStore;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Hosts the consent store: opens it under {@code <data>/consent} with a journal on the ledger
 * (every change becomes a ledger entry before it is stored), serves the consent API ({@link
 * ConsentRoutes}) and closes the store on shutdown. Needs the ledger and auth components, created
 * before it.
 */
public final class ConsentComponent implements Component {
  /** How long an auditor's SPARQL query may run. */
  static final Duration SPARQL_TIMEOUT = Duration.ofSeconds(5);

  private final ConsentStore store;
  private final LedgerStore ledger;
  private final ConsentRoutes routes;

  private ConsentComponent(ConsentStore store, LedgerStore ledger, ConsentRoutes routes) {
    this.store = store;
    this.ledger = ledger;
    this.routes = routes;
  }

  /**
   * Returns the factory; the ledger and auth components must be created first.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return factory(SPARQL_TIMEOUT);
  }

  /** The factory with another SPARQL time limit (for tests). */
  static ComponentFactory factory(Duration sparqlTimeout) {
    return ctx -> {
      LedgerStore ledger = ctx.require(LedgerComponent.class).store();
      AuthComponent auth = ctx.require(AuthComponent.class);
      ConsentStore store = ConsentStore.open(ctx.dataDir(), new LedgerJournal(ledger));
      Clock clock = ctx.clock();
      return new ConsentComponent(
          store, ledger, new ConsentRoutes(store, ledger, auth.sessions(), clock, sparqlTimeout));
    };
  }

  /**
   * Returns the consent store.
   *
   * @return the open store
   */
  public ConsentStore store() {
    return store;
  }

  @Override
  public String name() {
    return "consent";
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  /** Not ready while the ledger refuses appends, since no consent change can then be recorded. */
  @Override
  public Readiness readiness() {
    return ledger
        .failure()
        .map(
            why -> Readiness.down("consent changes cannot be recorded: the ledger refuses appends"))
        .orElse(Readiness.up());
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
