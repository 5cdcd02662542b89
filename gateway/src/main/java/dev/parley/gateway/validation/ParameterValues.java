package dev.parley.gateway.validation;

import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request's raw parameter values the way the contract declares them (path, query, header,
 * cookie) and turns them into JSON values for schema validation, with the Vert.x OpenAPI
 * transformers of OpenAPI 3.1 §4.8.12.4 ("Style Values").
 *
 * <p>A string-typed parameter is validated as the raw (decoded) text, never re-read as JSON, so a
 * value such as {@code -1} stays a string.
 */
final class ParameterValues {
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Style.class);

  static {
    TRANSFORMERS.put(Style.SIMPLE, new SimpleTransformer());
    TRANSFORMERS.put(Style.LABEL, new LabelTransformer());
    TRANSFORMERS.put(Style.MATRIX, new MatrixTransformer());
    TRANSFORMERS.put(Style.FORM, new FormTransformer());
  }

  private ParameterValues() {}

  /**
   * Returns a parameter's raw value.
   *
   * @param p the parameter
   * @param request the request (headers and cookies)
   * @param query the decoded query parameters
   * @param pathParameters the decoded path parameters of the matched template
   * @return the value, or empty if absent
   */
  static Optional<String> raw(
      Parameter p, HttpServerRequest request, MultiMap query, Map<String, String> pathParameters) {
    return switch (p.getIn()) {
      case PATH -> Optional.ofNullable(pathParameters.get(p.getName()));
      case QUERY -> {
        List<String> all = query.getAll(p.getName());
        yield all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
      }
      case HEADER -> Optional.ofNullable(request.getHeader(p.getName()));
      case COOKIE -> Optional.ofNullable(request.getCookie(p.getName())).map(Cookie::getValue);
    };
  }

  /**
   * Turns a raw value into the JSON value its schema is applied to.
   *
   * @param p the parameter
   * @param raw the raw value
   * @return the value
   * @throws RuntimeException if the value cannot be decoded for its style
   */
  static Object transform(Parameter p, String raw) {
    if (p.getSchemaType() == SchemaType.STRING) {
      return raw;
    }
    ParameterTransformer t = TRANSFORMERS.get(p.getStyle());
    if (t == null) {
      throw new IllegalArgumentException("style " + p.getStyle() + " is not supported");
    }
    return t.transform(p, raw);
  }
}
