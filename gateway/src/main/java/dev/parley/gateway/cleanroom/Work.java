package dev.parley.gateway.cleanroom;

import dev.parley.cleanroom.analysis.QueryRefusedException;
import dev.parley.cleanroom.analysis.RuleViolation;
import dev.parley.cleanroom.collab.CollaborationException;
import dev.parley.cleanroom.dataset.DatasetUploadException;
import dev.parley.cleanroom.dataset.RowRejection;
import dev.parley.cleanroom.dataset.UploadKeyConflictException;
import dev.parley.cleanroom.dataset.UploadNotFoundException;
import dev.parley.cleanroom.dataset.UploadStateException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs clean-room work on worker threads (the engine, the ledger's fsync and uploads block) with
 * one error path back on the event loop. Failures become RFC 9457 problems:
 *
 * <ul>
 *   <li>{@link ProblemException}: its status and members;
 *   <li>{@link UploadNotFoundException}, and a collaboration that does not exist or of which the
 *       caller is not a member: 404 (the two are indistinguishable);
 *   <li>{@link UploadStateException}, {@link UploadKeyConflictException}, a collaboration {@code
 *       CONFLICT}: 409;
 *   <li>{@link DatasetUploadException}: 422 with {@code rejections} ({@code row}, {@code column},
 *       {@code reason}) and {@code totalRejected};
 *   <li>{@link QueryRefusedException}: 404 for {@code NOT_A_MEMBER}, 409 for {@code NOT_ACTIVE},
 *       {@code DATASET_UNAVAILABLE} and a spent privacy budget, otherwise 400; with {@code rule}
 *       and {@code field};
 *   <li>{@link BodyInputStream.TooLarge}: 413; {@link BodyInputStream.Stalled}: 408;
 *   <li>{@link IllegalArgumentException}: 400; an {@link IOException} or a collaboration {@code
 *       STORAGE} failure: 503;
 *   <li>anything else: the router's 500 handler, which logs it.
 * </ul>
 */
final class Work {
  private Work() {}

  /**
   * Runs {@code work} on a worker thread, then {@code onSuccess} on the request's event loop.
   *
   * @param ctx the request
   * @param work the blocking work
   * @param onSuccess writes the response from the work's result
   * @param <T> the result type
   */
  static <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> onSuccess) {
    handle(ctx, ctx.vertx().executeBlocking(work, false), onSuccess);
  }

  /** Completes a request with the outcome of already started work. */
  static <T> void handle(RoutingContext ctx, Future<T> pending, Consumer<T> onSuccess) {
    pending.onComplete(
        ar -> {
          if (ar.succeeded()) {
            onSuccess.accept(ar.result());
          } else {
            fail(ctx, ar.cause());
          }
        });
  }

  /** Ends a request for a failure of its work. */
  static void fail(RoutingContext ctx, Throwable t) {
    ProblemException p = toProblem(t);
    if (p == null) {
      ctx.fail(t);
    } else {
      send(ctx, p);
    }
  }

  /** Returns the problem a failure answers, or null for an unexpected failure (a 500). */
  static ProblemException toProblem(Throwable t) {
    return switch (t) {
      case ProblemException p -> p;
      case UploadNotFoundException e -> ProblemException.notFound(e.getMessage());
      case UploadStateException e -> ProblemException.conflict(e.getMessage());
      case UploadKeyConflictException e -> ProblemException.conflict(e.getMessage());
      case DatasetUploadException e -> rejected(e);
      case QueryRefusedException e -> refused(e.violation());
      case CollaborationException e ->
          switch (e.kind()) {
            case NOT_FOUND, NOT_A_MEMBER -> ProblemException.notFound(e.getMessage());
            case CONFLICT -> ProblemException.conflict(e.getMessage());
            case INVALID -> ProblemException.badRequest(e.getMessage());
            case STORAGE -> ProblemException.unavailable(e.getMessage());
          };
      case BodyInputStream.TooLarge e ->
          new ProblemException(413, "Content Too Large", e.getMessage(), empty());
      case BodyInputStream.Stalled e ->
          new ProblemException(408, "Request Timeout", e.getMessage(), empty());
      case IllegalArgumentException e -> ProblemException.badRequest(e.getMessage());
      case IOException e -> ProblemException.unavailable(e.getMessage());
      default -> null;
    };
  }

  private static ProblemException rejected(DatasetUploadException e) {
    JsonArray.Builder list = JsonArray.builder();
    for (RowRejection r : e.rejections()) {
      list.add(CleanRoomJson.rejection(r));
    }
    return new ProblemException(
        422,
        "Unprocessable Content",
        e.getMessage(),
        JsonObject.builder()
            .put("rejections", list.build())
            .put("totalRejected", e.totalRejected())
            .build());
  }

  private static ProblemException refused(RuleViolation v) {
    JsonObject members =
        JsonObject.builder().put("rule", v.rule().name()).put("field", v.path()).build();
    String detail = v.path() + ": " + v.message();
    return switch (v.rule()) {
      case NOT_A_MEMBER -> new ProblemException(404, "Not Found", v.message(), empty());
      case NOT_ACTIVE, DATASET_UNAVAILABLE ->
          new ProblemException(409, "Conflict", detail, members);
      // A spent privacy budget is a state of the collaboration, not a fault of the request.
      default ->
          v.rule().name().equals("BUDGET_EXHAUSTED")
              ? new ProblemException(409, "Conflict", detail, members)
              : new ProblemException(400, "Bad Request", detail, members);
    };
  }

  private static JsonObject empty() {
    return JsonObject.builder().build();
  }

  /** Ends the request with a problem (unless it already ended). */
  static void send(RoutingContext ctx, ProblemException p) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject.Builder body =
        JsonObject.builder()
            .put("type", "about:blank")
            .put("title", p.title())
            .put("status", p.status());
    if (p.getMessage() != null && !p.getMessage().isEmpty()) {
      body.put("detail", p.getMessage());
    }
    for (Map.Entry<String, JsonValue> e : p.extensions().members().entrySet()) {
      body.put(e.getKey(), e.getValue());
    }
    ctx.response()
        .setStatusCode(p.status())
        .putHeader("content-type", "application/problem+json")
        .putHeader("cache-control", "no-store")
        .end(Jcs.canonicalString(body.build()));
  }

  /** Ends the request with a JSON body. */
  static void sendJson(RoutingContext ctx, int status, JsonObject json) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(Jcs.canonicalString(json));
  }

  /** A JSON array of objects. */
  static JsonArray array(List<JsonObject> items) {
    JsonArray.Builder b = JsonArray.builder();
    items.forEach(b::add);
    return b.build();
  }
}
