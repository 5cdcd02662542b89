package dev.parley.gateway.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/** The liveness and readiness endpoints: {@code /health/live} and {@code /health/ready}. */
public final class HealthRoutes {
  private final Supplier<List<Component>> components;

  /**
   * Creates the routes.
   *
   * @param components the components whose readiness decides {@code /health/ready}
   */
  public HealthRoutes(Supplier<List<Component>> components) {
    this.components = components;
  }

  /**
   * Adds the two routes.
   *
   * @param router the router
   */
  public void mount(Router router) {
    router
        .get("/health/live")
        .handler(ctx -> json(ctx, 200, new JsonObject().put("status", "live")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    JsonObject byComponent = new JsonObject();
    boolean allReady = true;
    StringBuilder reasons = new StringBuilder();
    for (Component component : components.get()) {
      Readiness r = component.readiness();
      byComponent.put(component.name(), r.ready() ? "ready" : r.reason());
      if (!r.ready()) {
        allReady = false;
        reasons
            .append(reasons.isEmpty() ? "" : "; ")
            .append(component.name())
            .append(": ")
            .append(r.reason());
      }
    }
    JsonObject body = new JsonObject().put("status", allReady ? "ready" : "not ready");
    if (!allReady) {
      body.put("reason", reasons.toString());
    }
    json(ctx, allReady ? 200 : 503, body.put("components", byComponent));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body.encode());
  }
}
