package dev.parley.gateway.server;

import dev.parley.gateway.config.ParleyConfig;
import dev.parley.gateway.health.Component;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Creates one hosted {@link Component} once Vert.x and metrics exist. */
@FunctionalInterface
public interface ComponentFactory {
  /**
   * What a component may use: Vert.x, the validated configuration (loaded once at start-up), the
   * clock and the metrics registry.
   *
   * @param vertx the Vert.x instance
   * @param config the configuration
   * @param clock the clock
   * @param meters the metrics registry
   * @param created the components created so far, in start-up order
   */
  record Context(
      Vertx vertx,
      ParleyConfig config,
      Clock clock,
      MeterRegistry meters,
      List<Component> created) {
    /**
     * Returns the data directory root.
     *
     * @return {@code config().dataDir()}
     */
    public Path dataDir() {
      return config.dataDir();
    }

    /**
     * Returns an earlier component this one depends on.
     *
     * @param type the component class
     * @param <T> the component type
     * @return the component
     * @throws IllegalStateException if no such component was created earlier
     */
    public <T extends Component> T require(Class<T> type) {
      for (Component c : created) {
        if (type.isInstance(c)) {
          return type.cast(c);
        }
      }
      throw new IllegalStateException(
          type.getSimpleName() + " must be created before the components that use it");
    }
  }

  /**
   * Creates the component; it may open stores and must be ready to serve when it returns.
   *
   * @param context what the component may use
   * @return the component
   * @throws Exception if its stores cannot be opened
   */
  Component create(Context context) throws Exception;
}
