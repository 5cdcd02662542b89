package dev.parley.gateway.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Adds defensive HTTP response headers to every response. */
final class SecurityHeaders implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("x-frame-options", "DENY")
        .putHeader("referrer-policy", "no-referrer")
        .putHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
    if (ctx.request().isSSL()) {
      ctx.response().putHeader("strict-transport-security", "max-age=31536000");
    }
    ctx.next();
  }
}
