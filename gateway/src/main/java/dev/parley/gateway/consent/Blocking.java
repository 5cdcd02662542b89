package dev.parley.gateway.consent;

import dev.parley.consent.audit.AuditQueryTimeoutException;
import dev.parley.consent.store.ConsentStoreException;
import dev.parley.consent.store.ConsentValidationException;
import dev.parley.gateway.server.Problems;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs consent work on Vert.x worker threads (store calls block on TDB2 transactions and on the
 * ledger's fsync) with one error path back on the event loop:
 *
 * <ul>
 *   <li>{@link ProblemException}: its status;
 *   <li>{@link IllegalArgumentException} (bad input, including malformed SPARQL) and {@link
 *       ConsentValidationException} (rejected by the SHACL shapes): 400;
 *   <li>{@link ConsentStoreException} (the ledger or the disk refused the change; nothing or only
 *       the reported prefix was recorded) and {@link AuditQueryTimeoutException}: 503;
 *   <li>anything else: the router's 500 handler, which logs it.
 * </ul>
 */
final class Blocking {
  private Blocking() {}

  /**
   * Runs {@code work} on a worker thread, then {@code onSuccess} on the request's event loop.
   *
   * @param ctx the request
   * @param work the blocking work
   * @param onSuccess writes the response from the work's result
   * @param <T> the result type
   */
  static <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> onSuccess) {
    ctx.vertx()
        .executeBlocking(work, false)
        .onComplete(
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
    switch (t) {
      case ProblemException p -> Problems.send(ctx, p.status(), p.title(), p.getMessage());
      case ConsentValidationException v -> Problems.send(ctx, 400, "Bad Request", v.getMessage());
      case IllegalArgumentException e -> Problems.send(ctx, 400, "Bad Request", e.getMessage());
      case ConsentStoreException e ->
          Problems.send(ctx, 503, "Service Unavailable", e.getMessage());
      case AuditQueryTimeoutException e ->
          Problems.send(
              ctx,
              503,
              "Service Unavailable",
              e.getMessage() + "; narrow the query or add a LIMIT");
      default -> ctx.fail(t);
    }
  }

  /** The request body's bytes (empty when there is none). */
  static byte[] body(RoutingContext ctx) {
    Buffer b = ctx.body() == null ? null : ctx.body().buffer();
    return b == null ? new byte[0] : b.getBytes();
  }
}
