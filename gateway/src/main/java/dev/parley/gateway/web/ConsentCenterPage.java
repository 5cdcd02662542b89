package dev.parley.gateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the consent center's page, {@code /consent-center/}: exactly three files from the
 * classpath ({@code web/consent-center/index.html}, {@code app.js}, {@code app.css}), read once at
 * start-up; every other name is 404, so no path can reach another resource.
 *
 * <p>These responses replace the gateway-wide {@code default-src 'none'} policy with {@link #CSP},
 * which lets the page load only its own script, style sheet and images and talk only to its own
 * origin (CSP Level 3: no {@code 'unsafe-inline'}, so injected markup cannot run script or style).
 */
final class ConsentCenterPage {
  /** The Content-Security-Policy of the page and its assets. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** The page's address. */
  static final String PATH = "/consent-center/";

  private static final String RESOURCE_DIR = "/web/consent-center/";

  private record Asset(String contentType, Buffer bytes) {}

  private final Map<String, Asset> assets;

  ConsentCenterPage() {
    this.assets =
        Map.of(
            "index.html", load("index.html", "text/html; charset=utf-8"),
            "app.js", load("app.js", "text/javascript; charset=utf-8"),
            "app.css", load("app.css", "text/css; charset=utf-8"));
  }

  void mount(Router router) {
    router.get(PATH + "*").handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!path.startsWith(PATH)) {
      ctx.response().setStatusCode(301).putHeader("location", PATH).end();
      return;
    }
    String name = path.substring(PATH.length());
    Asset asset = assets.get(name.isEmpty() ? "index.html" : name);
    if (asset == null) {
      ctx.next(); // the router's 404 problem
      return;
    }
    ctx.response()
        .putHeader("content-type", asset.contentType())
        .putHeader("content-security-policy", CSP)
        .putHeader("cache-control", "no-cache")
        .putHeader("cross-origin-opener-policy", "same-origin")
        .putHeader("cross-origin-resource-policy", "same-origin")
        .end(asset.bytes());
  }

  private static Asset load(String name, String contentType) {
    try (InputStream in = ConsentCenterPage.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE_DIR + name + " missing from the classpath");
      }
      return new Asset(contentType, Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
