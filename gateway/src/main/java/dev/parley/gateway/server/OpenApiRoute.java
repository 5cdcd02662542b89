package dev.parley.gateway.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 contract, {@code /openapi.yaml}, from the jar. */
public final class OpenApiRoute {
  /** The classpath location of the contract. */
  public static final String RESOURCE = "/openapi.yaml";

  private OpenApiRoute() {}

  /**
   * Reads the contract from the classpath.
   *
   * @return the YAML bytes
   */
  public static Buffer contract() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds {@code GET /openapi.yaml}.
   *
   * @param router the router
   */
  public static void mount(Router router) {
    Buffer body = contract();
    router
        .get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8")
                    .putHeader("cache-control", "no-cache")
                    .end(body));
  }
}
