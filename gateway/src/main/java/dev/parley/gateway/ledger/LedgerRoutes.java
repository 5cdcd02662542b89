package dev.parley.gateway.ledger;

import dev.parley.gateway.server.Problems;
import dev.parley.ledger.store.LedgerStore;
import dev.parley.ledger.store.Receipts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The ledger's HTTP surface: the C2SP tlog-tiles resources under {@code /ledger/} plus proofs and
 * single entries with receipts.
 *
 * <p>tlog-tiles: the checkpoint is served "with Content-Type: text/plain; charset=utf-8" and
 * "headers SHOULD prevent caching beyond a few seconds"; tiles and bundles are served "with
 * Content-Type: application/octet-stream" and, being immutable, "caching headers SHOULD be
 * long-lived". All file reads run on worker threads.
 */
final class LedgerRoutes {
  private final LedgerStore store;

  LedgerRoutes(LedgerStore store) {
    this.store = store;
  }

  void mount(Router router) {
    router.get("/ledger/checkpoint").handler(this::checkpoint);
    router.get("/ledger/vkey").handler(this::vkey);
    router.get("/ledger/tile/*").handler(this::tile);
    router.get("/ledger/proof/inclusion").handler(this::inclusion);
    router.get("/ledger/proof/consistency").handler(this::consistency);
    router.get("/ledger/entries/:index").handler(this::entry);
  }

  private void checkpoint(RoutingContext ctx) {
    ctx.response()
        .putHeader("content-type", "text/plain; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .end(Buffer.buffer(store.latest().note()));
  }

  private void vkey(RoutingContext ctx) {
    ctx.response()
        .putHeader("content-type", "text/plain; charset=utf-8")
        .end(store.verifierKey() + "\n");
  }

  private void tile(RoutingContext ctx) {
    String path = "tile/" + ctx.pathParam("*");
    blocking(
        ctx,
        () -> store.reader().resource(path),
        bytes -> {
          if (bytes.isEmpty()) {
            Problems.send(ctx, 404, "Not Found", "no such tile: " + path);
            return;
          }
          ctx.response()
              .putHeader("content-type", "application/octet-stream")
              .putHeader("cache-control", "public, max-age=31536000, immutable")
              .end(Buffer.buffer(bytes.get()));
        });
  }

  private void inclusion(RoutingContext ctx) {
    proof(
        ctx,
        "index",
        "size",
        (index, size) -> {
          if (index >= size) {
            throw new IllegalArgumentException(
                "index: must be below size " + size + ", got " + index);
          }
          return new JsonObject()
              .put("index", index)
              .put("size", size)
              .put("hashes", hashes(store.reader().inclusionProof(index, size)));
        });
  }

  private void consistency(RoutingContext ctx) {
    proof(
        ctx,
        "old",
        "new",
        (oldSize, newSize) -> {
          if (oldSize > newSize) {
            throw new IllegalArgumentException(
                "old: must not exceed new (" + newSize + "), got " + oldSize);
          }
          return new JsonObject()
              .put("old", oldSize)
              .put("new", newSize)
              .put("hashes", hashes(store.reader().consistencyProof(oldSize, newSize)));
        });
  }

  private interface ProofWork {
    JsonObject run(long first, long size);
  }

  /**
   * Parses a required index-like parameter and an optional tree size (default: the latest
   * checkpoint's), then computes the proof on a worker thread.
   */
  private void proof(RoutingContext ctx, String firstName, String sizeName, ProofWork work) {
    long first;
    long size;
    try {
      first = longParam(ctx, firstName);
      size =
          ctx.queryParam(sizeName).isEmpty()
              ? store.latest().checkpoint().size()
              : longParam(ctx, sizeName);
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
      return;
    }
    blockingJson(ctx, () -> work.run(first, size));
  }

  private void entry(RoutingContext ctx) {
    long index;
    try {
      index = Long.parseLong(ctx.pathParam("index"));
    } catch (NumberFormatException e) {
      Problems.send(
          ctx,
          400,
          "Bad Request",
          "index: must be a non-negative integer, got '" + ctx.pathParam("index") + "'");
      return;
    }
    blockingJson(
        ctx,
        () ->
            new JsonObject(
                Buffer.buffer(Receipts.forIndex(store, index).toJson().canonicalBytes())));
  }

  private interface JsonWork {
    JsonObject run();
  }

  private static void blockingJson(RoutingContext ctx, JsonWork work) {
    blocking(
        ctx,
        work::run,
        json ->
            ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-cache")
                .end(json.encode()));
  }

  /**
   * Runs file or proof work on a worker thread; an {@code IllegalArgumentException} (bad index,
   * size or path) becomes a 400 problem, anything else a 500.
   */
  private static <T> void blocking(RoutingContext ctx, Callable<T> work, Consumer<T> onSuccess) {
    ctx.vertx()
        .executeBlocking(work, false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                onSuccess.accept(ar.result());
              } else if (ar.cause() instanceof IllegalArgumentException e) {
                Problems.send(ctx, 400, "Bad Request", e.getMessage());
              } else {
                ctx.fail(ar.cause());
              }
            });
  }

  private static long longParam(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() != 1) {
      throw new IllegalArgumentException(name + ": exactly one value required");
    }
    try {
      long v = Long.parseLong(values.getFirst());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": must be a non-negative integer, got '" + values.getFirst() + "'");
    }
  }

  private static JsonArray hashes(List<byte[]> proof) {
    JsonArray out = new JsonArray();
    for (byte[] h : proof) {
      out.add(Base64.getEncoder().encodeToString(h));
    }
    return out;
  }
}
