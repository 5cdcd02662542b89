package dev.parley.gateway.validation;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request checks the gate makes itself, and the explanation of a request the Vert.x validator
 * refused; synchronous and free of routing state, so they can be exercised in-process.
 *
 * <p>{@link #beforeBody} runs on the request head: no unknown or repeated query parameters, no body
 * on an operation that takes none, a declared media type (415) and a declared size (413, from
 * {@code Content-Length}). {@link #strictJson} refuses JSON that is not I-JSON (RFC 7493: duplicate
 * member names, invalid UTF-8, lone surrogates, overflowing numbers), which the schema validator's
 * lenient parser would accept. {@link #explain} re-applies each parameter's and the body's schema
 * to name the first failing field.
 */
public final class RequestChecks {
  private RequestChecks() {}

  /**
   * Checks a request head against its operation.
   *
   * @param op the operation
   * @param request the request
   * @param query its decoded query parameters
   * @param declaredQuery the names of the operation's query parameters
   * @return the rejection, or empty if the head is acceptable
   */
  public static Optional<Rejection> beforeBody(
      ContractOperation op, HttpServerRequest request, MultiMap query, Set<String> declaredQuery) {
    for (String name : new TreeSet<>(query.names())) {
      if (!declaredQuery.contains(name)) {
        return Optional.of(
            Rejection.badRequest(
                JsonLocation.printable(name)
                    + ": unknown query parameter; "
                    + (declaredQuery.isEmpty()
                        ? "this operation takes none"
                        : "expected one of " + String.join(", ", new TreeSet<>(declaredQuery)))));
      }
      if (query.getAll(name).size() > 1) {
        return Optional.of(Rejection.badRequest(name + ": query parameter given more than once"));
      }
    }
    long length = contentLength(request);
    Presence body = length > 0 ? Presence.YES : length == 0 ? Presence.NO : presence(request);
    if (!op.takesBody()) {
      return body == Presence.YES
          ? Optional.of(Rejection.badRequest("body: this operation takes no request body"))
          : Optional.empty();
    }
    if (body == Presence.NO) {
      return op.bodyRequired()
          ? Optional.of(Rejection.badRequest("body: required"))
          : Optional.empty();
    }
    String type = request.getHeader("content-type");
    if (op.mediaFor(type).isEmpty()) {
      return Optional.of(
          Rejection.unsupportedMediaType(
              "content-type: must be "
                  + String.join(" or ", new TreeSet<>(op.media().keySet()))
                  + ", got '"
                  + JsonLocation.printable(
                      type == null ? "" : ContractOperation.bareMediaType(type))
                  + "'"));
    }
    if (op.bodyLimit() > 0 && length > op.bodyLimit()) {
      return Optional.of(Rejection.tooLarge(op.bodyLimit()));
    }
    return Optional.empty();
  }

  /**
   * Refuses a JSON body that is not strict I-JSON.
   *
   * @param body the body bytes
   * @return the rejection, naming the byte offset and member path, or empty
   */
  public static Optional<Rejection> strictJson(byte[] body) {
    try {
      Jcs.parse(body);
      return Optional.empty();
    } catch (InvalidJsonException e) {
      return Optional.of(Rejection.badRequest("body: not valid JSON: " + e.getMessage()));
    }
  }

  /**
   * Names the first parameter or body field that does not match the contract.
   *
   * @param op the validator's model of the operation
   * @param schemas the contract's schema repository
   * @param values the raw parameter values by parameter (absent ones missing)
   * @param body the JSON body, or null if the request has none (or a non-JSON one)
   * @return the rejection, or empty if every parameter and the body match
   */
  public static Optional<Rejection> explain(
      Operation op, SchemaRepository schemas, Map<Parameter, String> values, Buffer body) {
    for (Parameter p : op.getParameters()) {
      String raw = values.get(p);
      String name = JsonLocation.printable(p.getName());
      if (raw == null) {
        if (p.isRequired()) {
          return Optional.of(
              Rejection.badRequest(
                  name
                      + ": required "
                      + p.getIn().name().toLowerCase(java.util.Locale.ROOT)
                      + " parameter"));
        }
        continue;
      }
      Object value;
      try {
        value = ParameterValues.transform(p, raw);
      } catch (RuntimeException e) {
        return Optional.of(Rejection.badRequest(name + ": cannot be decoded"));
      }
      OutputUnit r = schemas.validator(p.getSchema()).validate(value);
      if (!r.getValid()) {
        String detail = SchemaMessages.explain(r, json(p.getSchema()), value, name);
        boolean closedSet = p.getIn() == Location.PATH && enumFailed(r);
        return Optional.of(closedSet ? Rejection.notFound(detail) : Rejection.badRequest(detail));
      }
    }
    if (op.getRequestBody() != null && (body == null || body.length() == 0)) {
      return op.getRequestBody().isRequired()
          ? Optional.of(Rejection.badRequest("body: required"))
          : Optional.empty();
    }
    if (body != null && op.getRequestBody() != null) {
      MediaType type = op.getRequestBody().getContent().get("application/json");
      if (type == null && !op.getRequestBody().getContent().isEmpty()) {
        type = op.getRequestBody().getContent().values().iterator().next();
      }
      if (type != null && type.getSchema() != null) {
        Object value;
        try {
          value = Json.decodeValue(body);
        } catch (RuntimeException e) {
          return Optional.of(Rejection.badRequest("body: not valid JSON"));
        }
        OutputUnit r = schemas.validator(type.getSchema()).validate(value);
        if (!r.getValid()) {
          return Optional.of(
              Rejection.badRequest(
                  SchemaMessages.explain(r, json(type.getSchema()), value, "body")));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean enumFailed(OutputUnit r) {
    List<OutputUnit> errors = r.getErrors() == null ? List.of() : r.getErrors();
    return errors.stream()
        .anyMatch(e -> e.getKeywordLocation() != null && SchemaMessages.keyword(e).equals("enum"));
  }

  /** A schema as a JSON object (the resolved contract's own objects). */
  static JsonObject json(JsonSchema schema) {
    JsonObject o = new JsonObject();
    for (String key : schema.fieldNames()) {
      o.put(key, schema.<Object>get(key));
    }
    return o;
  }

  /** The declared body length: {@code Content-Length}, or -1 if absent or malformed. */
  static long contentLength(HttpServerRequest request) {
    String v = request.getHeader("content-length");
    if (v == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(v.strip());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether a request carries a body, as far as its head tells. */
  private enum Presence {
    YES,
    NO,
    UNKNOWN
  }

  /**
   * Whether a request without {@code Content-Length} carries a body: in HTTP/1.1 only with {@code
   * Transfer-Encoding} (RFC 9112 §6.3); in HTTP/2 the head cannot tell (RFC 9113 §8.1), so the body
   * is read and validated like any other.
   */
  private static Presence presence(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2) {
      return Presence.UNKNOWN;
    }
    return request.headers().contains("transfer-encoding") ? Presence.YES : Presence.NO;
  }

  /** The names of an operation's query parameters. */
  static Set<String> queryNames(Operation op) {
    Set<String> out = new TreeSet<>();
    for (Parameter p : op.getParameters()) {
      if (p.getIn() == Location.QUERY) {
        out.add(p.getName());
      }
    }
    return out;
  }

  /** Lists an operation's parameters with the raw values a request gives them. */
  static List<Map.Entry<Parameter, String>> rawValues(
      Operation op, HttpServerRequest request, MultiMap query, Map<String, String> path) {
    List<Map.Entry<Parameter, String>> out = new ArrayList<>();
    for (Parameter p : op.getParameters()) {
      ParameterValues.raw(p, request, query, path).ifPresent(v -> out.add(Map.entry(p, v)));
    }
    return out;
  }
}
