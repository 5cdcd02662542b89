package dev.parley.gateway.server;

import dev.parley.gateway.server.ParleyServer.Limits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts off clients that hold a connection without completing requests (slowloris): a connection
 * must deliver a complete request head within {@link Limits#headerTimeout()} of opening or of its
 * previous response, a request body within {@link Limits#bodyTimeout()}, and each request must be
 * answered within {@link Limits#requestTimeout()} (uploads: {@link Limits#uploadTimeout()} for all
 * of it). The idle timeout alone would not do: every dribbled byte resets it.
 *
 * <p>A connection's state is only touched on its event loop (connection, request and timer handlers
 * all run there), so it needs no locking.
 */
final class SlowClientGuard {
  private static final Set<String> UPLOADS =
      Set.of(
          "text/csv",
          "text/tab-separated-values",
          "application/octet-stream",
          "application/gzip",
          "application/x-ndjson");

  private final Vertx vertx;
  private final Limits limits;
  private final Map<HttpConnection, ConnectionState> connections = new ConcurrentHashMap<>();

  private static final class ConnectionState {
    private int active;
    private long headTimer = -1;
  }

  SlowClientGuard(Vertx vertx, Limits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  void connectionOpened(HttpConnection connection) {
    armHeadTimer(connection, stateOf(connection));
  }

  void requestStarted(io.vertx.ext.web.RoutingContext ctx) {
    io.vertx.core.http.HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    ConnectionState state = stateOf(connection);
    state.active++;
    cancelHeadTimer(state);
    boolean upload = isUpload(request.getHeader("content-type"));
    long bodyTimer =
        upload
            ? -1
            : vertx.setTimer(
                limits.bodyTimeout().toMillis(),
                id -> {
                  if (!request.isEnded()) {
                    timeOut(
                        ctx,
                        408,
                        "Request Timeout",
                        "body: not received within " + seconds(limits.bodyTimeout()));
                  }
                });
    Duration total = upload ? limits.uploadTimeout() : limits.requestTimeout();
    long requestTimer =
        vertx.setTimer(
            total.toMillis(),
            id -> {
              if (!request.isEnded()) {
                timeOut(ctx, 408, "Request Timeout", "body: not received within " + seconds(total));
              } else {
                timeOut(
                    ctx,
                    503,
                    "Service Unavailable",
                    "request: not answered within " + seconds(total));
              }
            });
    ctx.addEndHandler(
        done -> {
          vertx.cancelTimer(bodyTimer);
          vertx.cancelTimer(requestTimer);
          state.active--;
          if (state.active == 0 && connections.containsKey(connection)) {
            armHeadTimer(connection, state);
          }
        });
    ctx.next();
  }

  private ConnectionState stateOf(HttpConnection connection) {
    ConnectionState state = connections.get(connection);
    if (state == null) {
      ConnectionState fresh = new ConnectionState();
      connections.put(connection, fresh);
      connection.closeHandler(
          v -> {
            ConnectionState gone = connections.remove(connection);
            if (gone != null) {
              cancelHeadTimer(gone);
            }
          });
      state = fresh;
    }
    return state;
  }

  private void armHeadTimer(HttpConnection connection, ConnectionState state) {
    cancelHeadTimer(state);
    state.headTimer =
        vertx.setTimer(
            limits.headerTimeout().toMillis(),
            id -> {
              if (state.active == 0 && state.headTimer == id) {
                connection.close();
              }
            });
  }

  private void cancelHeadTimer(ConnectionState state) {
    if (state.headTimer >= 0) {
      vertx.cancelTimer(state.headTimer);
      state.headTimer = -1;
    }
  }

  private static void timeOut(
      io.vertx.ext.web.RoutingContext ctx, int status, String title, String detail) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("connection", "close");
      Problems.send(ctx, status, title, detail);
    }
    ctx.request().connection().close(); // HTTP/1.1 only: one request at a time per connection
  }

  private static boolean isUpload(String contentType) {
    if (contentType == null) {
      return false;
    }
    String bare = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return UPLOADS.contains(bare) || bare.startsWith("multipart/");
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
