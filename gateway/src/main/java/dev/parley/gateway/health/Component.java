package dev.parley.gateway.health;

import io.vertx.ext.web.Router;
import java.io.IOException;

/**
 * A part of Parley that the gateway hosts: it may add routes, reports readiness, and is closed on
 * shutdown.
 *
 * <p>Guarantees expected of implementations: {@link #readiness()} is cheap, thread-safe and never
 * throws; {@link #close()} is called once, after the HTTP server has stopped accepting requests and
 * in-flight requests have finished, and leaves every store durable.
 */
public interface Component extends AutoCloseable {
  /**
   * Returns the component's short name, used as a readiness key and metric tag.
   *
   * @return a stable lower-case name
   */
  String name();

  /**
   * Adds the component's routes. Every route must be declared in the OpenAPI contract.
   *
   * @param router the gateway router
   */
  default void mount(Router router) {}

  /**
   * Returns whether the component can serve requests now.
   *
   * @return the readiness
   */
  Readiness readiness();

  @Override
  default void close() throws IOException {}
}
