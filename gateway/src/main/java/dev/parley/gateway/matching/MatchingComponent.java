package dev.parley.gateway.matching;

import dev.parley.cleanroom.keys.KeyTransparency;
import dev.parley.cleanroom.keys.MatchingKeyring;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.server.ComponentFactory;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;

/**
 * Hosts the matching keys: loads (or creates) the keyring under {@code <data>/clean-room/keys},
 * publishes every unpublished public key on the ledger before serving (key transparency), and
 * serves the blinded VOPRF path {@code POST /oprf/evaluate} and the key list {@code GET
 * /oprf/keys}.
 */
public final class MatchingComponent implements Component {
  private final MatchingKeyring keyring;

  private MatchingComponent(MatchingKeyring keyring) {
    this.keyring = keyring;
  }

  /**
   * Returns the factory; the ledger component must be created first.
   *
   * @return the factory
   */
  public static ComponentFactory factory() {
    return ctx -> {
      LedgerComponent ledger = ctx.require(LedgerComponent.class);
      MatchingKeyring ring =
          MatchingKeyring.loadOrCreate(
              ctx.dataDir().resolve("clean-room").resolve("keys"),
              ctx.clock().instant(),
              new SecureRandom());
      if (ledger.store().failure().isEmpty()) {
        KeyTransparency.publishPending(ring, ledger.store());
      }
      return new MatchingComponent(ring);
    };
  }

  /**
   * Returns the keyring.
   *
   * @return the keyring
   */
  public MatchingKeyring keyring() {
    return keyring;
  }

  @Override
  public String name() {
    return "matching";
  }

  @Override
  public void mount(Router router) {
    new OprfRoutes(keyring).mount(router);
  }

  @Override
  public Readiness readiness() {
    return keyring.active().ledgerIndex().isPresent()
        ? Readiness.up()
        : Readiness.down(
            "active matching key " + keyring.active().id() + " is not yet published on the ledger");
  }
}
