package dev.parley.gateway.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * Parley's Micrometer set-up: one Prometheus registry, Vert.x HTTP server metrics and JVM metrics,
 * and the {@code /metrics} scrape endpoint.
 *
 * <p>Cardinality is bounded: HTTP metrics are tagged by route template ({@code
 * /ledger/entries/:index}), method and status code, never by raw path, so a client cannot create
 * new time series by inventing URLs.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  /** Creates the registry and binds JVM metrics. */
  public Metrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Returns the registry that every component records into.
   *
   * @return the registry
   */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Returns Vert.x options whose metrics go to this registry with bounded labels.
   *
   * @return the options
   */
  public VertxOptions vertxOptions() {
    return new VertxOptions()
        .setMetricsOptions(
            new MicrometerMetricsOptions()
                .setEnabled(true)
                .setLabels(
                    java.util.EnumSet.of(
                        Label.HTTP_ROUTE,
                        Label.HTTP_METHOD,
                        Label.HTTP_CODE,
                        Label.POOL_TYPE,
                        Label.POOL_NAME)));
  }

  /**
   * Adds {@code GET /metrics} (Prometheus text exposition format).
   *
   * @param router the router
   */
  public void mount(Router router) {
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .putHeader("cache-control", "no-store")
                    .end(registry.scrape()));
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
