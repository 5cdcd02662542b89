package dev.parley.gateway.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details responses ({@code application/problem+json}). */
public final class Problems {
  private Problems() {}

  /**
   * Ends the request with a problem-details body.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param title a short, stable summary of the problem type
   * @param detail what exactly was wrong (never secrets or personal data)
   */
  public static void send(RoutingContext ctx, int status, String title, String detail) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body =
        new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
    if (detail != null && !detail.isEmpty()) {
      body.put("detail", detail);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .putHeader("cache-control", "no-store")
        .end(body.encode());
  }
}
