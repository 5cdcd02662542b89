package dev.parley.gateway.ledger;

import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import io.vertx.ext.web.Router;

/**
 * Hosts the ledger in the gateway: opens {@code <data>/ledger}, serves the tiled log and proofs,
 * reports readiness (not ready while the ledger refuses appends, with the file at fault) and closes
 * the store on shutdown.
 */
public final class LedgerComponent implements Component {
  private final LedgerStore store;

  private LedgerComponent(LedgerStore store) {
    this.store = store;
  }

  /**
   * Returns the factory that opens the ledger under the data directory.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return ctx ->
        new LedgerComponent(
            LedgerStore.open(
                LedgerOptions.builder(ctx.dataDir().resolve("ledger")).clock(ctx.clock()).build()));
  }

  /**
   * Returns the store, for components that append to the ledger.
   *
   * @return the store
   */
  public LedgerStore store() {
    return store;
  }

  @Override
  public String name() {
    return "ledger";
  }

  @Override
  public void mount(Router router) {
    new LedgerRoutes(store).mount(router);
  }

  @Override
  public Readiness readiness() {
    return store.failure().map(Readiness::down).orElse(Readiness.up());
  }

  @Override
  public void close() {
    store.close();
  }
}
