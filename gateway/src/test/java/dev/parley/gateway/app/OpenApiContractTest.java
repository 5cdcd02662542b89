package dev.parley.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Checks that the served OpenAPI document is valid 3.1 and matches the router, both ways. */
@ExtendWith(VertxExtension.class)
class OpenApiContractTest {
  @TempDir Path data;

  @Test
  void contract_servedDocument_isValidOpenApi31AndMatchesRoutes(Vertx vertx) throws Exception {
    ParleyServer server = TestServers.start(data, ProductionComponents.all());
    try {
      HttpResponse<Buffer> r =
          WebClient.create(vertx)
              .getAbs(server.baseUrl() + "/openapi.yaml")
              .send()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      JsonObject doc = new JsonObject(toJsonMap(new Yaml().load(r.bodyAsString())));
      OpenAPIVersion version = OpenAPIVersion.fromContract(doc);
      assertEquals(OpenAPIVersion.V3_1, version);
      SchemaRepository repo = await(version.getRepository(vertx, "app:///"));
      OutputUnit result = await(version.validateContract(vertx, repo, doc));
      assertTrue(result.getValid(), "valid against the OpenAPI 3.1 schema: " + result.getErrors());

      Set<String> documented = new TreeSet<>();
      JsonObject paths = doc.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        JsonObject item = paths.getJsonObject(path);
        // A route whose parameter spans several segments names its Vert.x wildcard route.
        String route = item.getString("x-parley-route", path);
        for (String method : item.fieldNames()) {
          if (HTTP_METHODS.contains(method)) {
            documented.add(
                method.toUpperCase(Locale.ROOT)
                    + " "
                    + (route.equals(path) ? path : toOpenApiPath(route)));
          }
        }
      }
      Set<String> served = new TreeSet<>();
      for (Route route : server.router().getRoutes()) {
        if (route.getPath() == null || route.methods() == null) {
          continue; // router-wide handlers (security headers), not endpoints
        }
        for (HttpMethod m : route.methods()) {
          String path = route.isExactPath() ? route.getPath() : route.getPath() + "*";
          served.add(m.name().toUpperCase(Locale.ROOT) + " " + toOpenApiPath(path));
        }
      }
      assertEquals(documented, served, "routes in the contract vs routes the server exposes");
    } finally {
      server.stop();
    }
  }

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toJsonMap(Object yaml) {
    return (Map<String, Object>) yaml;
  }

  /** Converts a Vert.x path ({@code /a/:b}) to OpenAPI form ({@code /a/{b}}). */
  static String toOpenApiPath(String vertxPath) {
    return vertxPath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }
}
