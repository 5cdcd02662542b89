package dev.parley.gateway.validation;

import dev.parley.gateway.server.OpenApiRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code openapi.yaml} into JSON and derives what the request gate needs from it: the
 * operations ({@link ContractOperation}) and the copy of the document handed to the Vert.x OpenAPI
 * validator.
 *
 * <p>The validator ({@code io.vertx:vertx-openapi} 5.0) refuses a whole contract that names a
 * request or response media type it cannot parse (such as {@code application/sparql-query}, {@code
 * text/csv} or {@code text/html}). Its copy therefore keeps only the JSON request media types (the
 * only bodies the gate reads) and no response content (responses are not validated); the operations
 * keep every declared type, and other bodies are checked by their routes ({@link BodyKind}).
 */
public final class ContractDocument {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonObject document;
  private final List<ContractOperation> operations;

  private ContractDocument(JsonObject document, List<ContractOperation> operations) {
    this.document = document;
    this.operations = List.copyOf(operations);
  }

  /**
   * Loads the contract served at {@code /openapi.yaml}.
   *
   * @return the document
   * @throws IllegalArgumentException if an operation lacks an id or valid {@code x-parley-roles}
   */
  public static ContractDocument load() {
    return parse(new String(OpenApiRoute.contract().getBytes(), StandardCharsets.UTF_8));
  }

  /**
   * Parses a contract.
   *
   * @param yaml the OpenAPI document (YAML or JSON)
   * @return the document
   * @throws IllegalArgumentException naming the path and method of a malformed operation
   */
  public static ContractDocument parse(String yaml) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("openapi.yaml: the document is not a mapping");
    }
    JsonObject doc = (JsonObject) toJson(root);
    return new ContractDocument(doc, readOperations(doc));
  }

  /**
   * Returns the whole document as JSON.
   *
   * @return a copy
   */
  public JsonObject json() {
    return document.copy();
  }

  /**
   * Returns every operation, in document order.
   *
   * @return the operations
   */
  public List<ContractOperation> operations() {
    return operations;
  }

  /**
   * Returns the copy of the document for the Vert.x validator: unsupported request media types and
   * all response content removed.
   *
   * @return a new JSON object
   */
  public JsonObject forValidator() {
    JsonObject copy = document.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!METHODS.contains(method) || !(item.getValue(method) instanceof JsonObject op)) {
          continue;
        }
        JsonObject responses = op.getJsonObject("responses");
        if (responses != null) {
          for (String code : responses.fieldNames()) {
            if (responses.getValue(code) instanceof JsonObject r) {
              r.remove("content");
            }
          }
        }
        JsonObject body = op.getJsonObject("requestBody");
        if (body != null && body.getJsonObject("content") != null) {
          JsonObject content = body.getJsonObject("content");
          for (String type : new ArrayList<>(content.fieldNames())) {
            if (ContractOperation.kindOf(ContractOperation.bareMediaType(type)) != BodyKind.JSON
                || !MediaType.isMediaTypeSupported(type)) {
              content.remove(type);
              body.put("required", false); // a non-JSON body is never read by the validator
            }
          }
          if (content.isEmpty()) {
            op.remove("requestBody");
          }
        }
      }
    }
    return copy;
  }

  private static List<ContractOperation> readOperations(JsonObject doc) {
    List<ContractOperation> out = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      PathTemplate template = PathTemplate.compile(path, item.getString("x-parley-route"));
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          out.add(operation(template, method, item.getJsonObject(method)));
        }
      }
    }
    return out;
  }

  private static ContractOperation operation(PathTemplate path, String method, JsonObject op) {
    String where = method.toUpperCase(Locale.ROOT) + " " + path.template();
    String id = op.getString("operationId");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(where + ": operationId is missing");
    }
    JsonArray roleList = op.getJsonArray("x-parley-roles");
    if (roleList == null || roleList.isEmpty()) {
      throw new IllegalArgumentException(where + " (" + id + "): x-parley-roles is missing");
    }
    Set<ContractRole> roles = EnumSet.noneOf(ContractRole.class);
    for (Object r : roleList) {
      roles.add(ContractRole.parse(String.valueOf(r)));
    }
    List<String> tags = new ArrayList<>();
    op.getJsonArray("tags", new JsonArray()).forEach(t -> tags.add(String.valueOf(t)));
    Map<String, BodyKind> media = new LinkedHashMap<>();
    JsonObject body = op.getJsonObject("requestBody");
    boolean required = false;
    if (body != null) {
      required = body.getBoolean("required", false);
      for (String type : body.getJsonObject("content", new JsonObject()).fieldNames()) {
        String bare = ContractOperation.bareMediaType(type);
        media.put(bare, ContractOperation.kindOf(bare));
      }
    }
    boolean upload = media.values().stream().anyMatch(k -> k == BodyKind.UPLOAD);
    long limit = media.isEmpty() ? 0 : upload ? -1 : BodyLimits.of(id);
    return new ContractOperation(
        id,
        HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
        path,
        roles,
        tags,
        media,
        required,
        limit);
  }

  private static Object toJson(Object yaml) {
    if (yaml instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, v) -> o.put(String.valueOf(k), toJson(v)));
      return o;
    }
    if (yaml instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(v -> a.add(toJson(v)));
      return a;
    }
    if (yaml instanceof java.util.Date d) { // an unquoted YAML timestamp: keep it as JSON text
      return d.toInstant().toString();
    }
    return yaml;
  }
}
