package dev.parley.gateway.health;

/**
 * The readiness of one component: ready, or not ready with a reason an operator can act on.
 *
 * @param ready whether the component can serve requests
 * @param reason why not (empty when ready); never contains secrets
 */
public record Readiness(boolean ready, String reason) {
  private static final Readiness READY = new Readiness(true, "");

  /**
   * Returns the ready state.
   *
   * @return ready
   */
  public static Readiness up() {
    return READY;
  }

  /**
   * Returns a not-ready state.
   *
   * @param reason why the component cannot serve
   * @return not ready
   */
  public static Readiness down(String reason) {
    return new Readiness(false, reason);
  }
}
