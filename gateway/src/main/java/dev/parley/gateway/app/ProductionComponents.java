package dev.parley.gateway.app;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.gateway.web.ConsentCenterComponent;
import java.util.List;

/** The components {@code parley serve} hosts, in start-up order. */
public final class ProductionComponents {
  private ProductionComponents() {}

  /**
   * Returns the factories of every production component.
   *
   * @return the factories, in start-up order
   */
  public static List<ComponentFactory> all() {
    return List.of(
        LedgerComponent.factory(),
        AuthComponent.factory(),
        MatchingComponent.factory(),
        ConsentComponent.factory(),
        ConsentCenterComponent.factory(),
        dev.parley.gateway.cleanroom.CleanRoomComponent.factory());
  }
}
