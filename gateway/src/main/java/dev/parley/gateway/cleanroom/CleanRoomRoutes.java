package dev.parley.gateway.cleanroom;

import dev.parley.gateway.auth.Access;
import dev.parley.gateway.auth.Principal;
import dev.parley.gateway.auth.Role;
import dev.parley.ledger.jcs.JsonObject;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Locale;

/**
 * The clean room's partner API (contract: {@code openapi.yaml}, tag {@code clean-room}; summary in
 * {@code docs/clean-room.md}): uploads ({@link UploadRoutes}), collaborations, queries and results
 * ({@link CollaborationRoutes}).
 *
 * <p>Every route is for partners only ({@link Access#allow}) and strictly scoped to the calling
 * partner: its own uploads and datasets, the collaborations it is a member of, the results it
 * requested. Anything else answers 404, exactly as if it did not exist. JSON bodies are read up to
 * their limit before anything else (413 beyond it) and must be {@code application/json} (415);
 * upload parts are streamed instead ({@link BodyInputStream}).
 */
final class CleanRoomRoutes {
  private final UploadRoutes uploads;
  private final CollaborationRoutes collaborations;

  CleanRoomRoutes(CleanRoomComponent component, WorkerExecutor uploadWorkers, Clock clock) {
    this.uploads = new UploadRoutes(component, uploadWorkers);
    this.collaborations = new CollaborationRoutes(component, clock);
  }

  void mount(Router router) {
    uploads.mount(router);
    collaborations.mount(router);
  }

  /** A partner-only route with a JSON body read up to {@code limit}. */
  static Route jsonRoute(Route route, long limit) {
    return route
        .handler(BodyHandler.create(false).setBodyLimit(limit))
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413) {
                Work.send(
                    ctx,
                    new ProblemException(
                        413,
                        "Content Too Large",
                        "body: larger than " + limit + " bytes",
                        JsonObject.builder().build()));
              } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                Work.send(ctx, ProblemException.badRequest("body: could not be read"));
              } else {
                ctx.next();
              }
            })
        .handler(Access.allow(Role.PARTNER))
        .handler(requireMediaType("application/json"));
  }

  /** A partner-only route without a body. */
  static Route partnerRoute(Route route) {
    return route.handler(Access.allow(Role.PARTNER));
  }

  /** Refuses a request whose content type is not one of {@code types} (415). */
  static Handler<RoutingContext> requireMediaType(String... types) {
    return ctx -> {
      String bare = mediaType(ctx);
      for (String t : types) {
        if (bare.equals(t)) {
          ctx.next();
          return;
        }
      }
      Work.send(
          ctx,
          new ProblemException(
              415,
              "Unsupported Media Type",
              "content-type: must be " + String.join(" or ", types),
              JsonObject.builder().build()));
    };
  }

  /** The request's media type, lower case, without parameters ("" if none). */
  static String mediaType(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the calling partner's id.
   *
   * @throws IllegalStateException if {@link Access#allow} did not admit only partners (a bug)
   */
  static String partnerId(RoutingContext ctx) {
    if (Access.principal(ctx) instanceof Principal.Partner p) {
      return p.partnerId();
    }
    throw new IllegalStateException("a partner route was reached by a non-partner");
  }

  /** The request body's bytes (empty when there is none). */
  static byte[] body(RoutingContext ctx) {
    var b = ctx.body() == null ? null : ctx.body().buffer();
    return b == null ? new byte[0] : b.getBytes();
  }
}
