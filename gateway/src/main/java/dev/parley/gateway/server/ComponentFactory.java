package dev.parley.gateway.server;

import dev.parley.gateway.health.Component;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;

/** Creates one hosted {@link Component} once Vert.x and metrics exist. */
@FunctionalInterface
public interface ComponentFactory {
  /**
   * What a component may use: Vert.x, its data directory, the clock and the metrics registry.
   *
   * @param vertx the Vert.x instance
   * @param dataDir the data directory root
   * @param clock the clock
   * @param meters the metrics registry
   */
  record Context(Vertx vertx, Path dataDir, Clock clock, MeterRegistry meters) {}

  /**
   * Creates the component; it may open stores and must be ready to serve when it returns.
   *
   * @param context what the component may use
   * @return the component
   * @throws Exception if its stores cannot be opened
   */
  Component create(Context context) throws Exception;
}
