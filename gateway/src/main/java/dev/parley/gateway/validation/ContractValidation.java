package dev.parley.gateway.validation;

import dev.parley.gateway.server.Problems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Validates every request that addresses a contract operation against {@code openapi.yaml} before
 * any route runs, with the Vert.x OpenAPI {@link RequestValidator}; a refused request ends with an
 * RFC 9457 problem naming the field (400, 404 for a closed set of path values, 413, 415) and never
 * reaches its route, so nothing changes.
 *
 * <p>Three handlers run in order: {@link RequestChecks#beforeBody} on the request head; a body
 * reader with the operation's {@link BodyLimits limit} for JSON bodies (other bodies are left to
 * their routes, see {@link BodyKind}); then {@link RequestChecks#strictJson} and the validator on
 * the parameters, headers and JSON body. The validator decides; {@link RequestChecks#explain} only
 * words the refusal. The body is read once: a route's own {@link BodyHandler} then finds it read.
 */
public final class ContractValidation {
  private static final long INLINE_PARSE_LIMIT = 64 * 1024;
  private static volatile CachedContract cached;

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final RequestValidator validator;
  private final Consumer<RoutingContext> onReject;
  private final Map<String, BodyHandler> bodyReaders = new HashMap<>();
  private final Map<String, Set<String>> queryNames = new HashMap<>();

  private record CachedContract(JsonObject source, OpenAPIContract contract) {}

  private ContractValidation(
      Vertx vertx,
      OpenAPIContract contract,
      OperationIndex index,
      Consumer<RoutingContext> onReject) {
    this.vertx = vertx;
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
    this.onReject = onReject;
    for (ContractOperation op : index.operations()) {
      Operation model = contract.operation(op.id());
      if (model == null) {
        throw new IllegalStateException(op.id() + ": missing from the validator's contract");
      }
      queryNames.put(op.id(), RequestChecks.queryNames(model));
      if (op.bodyLimit() > 0) {
        bodyReaders.put(op.id(), BodyHandler.create(false).setBodyLimit(op.bodyLimit()));
      }
    }
  }

  /**
   * Builds the validator for a contract; blocks while the contract is checked against the OpenAPI
   * 3.1 schema (once per JVM for the same document), so call it outside an event loop.
   *
   * @param vertx the Vert.x instance
   * @param document the contract
   * @param index its operations
   * @param onReject called once for each refused request (a security event)
   * @return the validation
   * @throws Exception if the contract is not valid OpenAPI 3.1
   */
  public static ContractValidation create(
      Vertx vertx,
      ContractDocument document,
      OperationIndex index,
      Consumer<RoutingContext> onReject)
      throws Exception {
    JsonObject source = document.forValidator();
    CachedContract c = cached;
    if (c == null || !c.source().equals(source)) {
      OpenAPIContract built =
          OpenAPIContract.from(vertx, source.copy())
              .toCompletionStage()
              .toCompletableFuture()
              .get(2, TimeUnit.MINUTES);
      c = new CachedContract(source, built);
      cached = c;
    }
    return new ContractValidation(vertx, c.contract(), index, onReject);
  }

  /**
   * Returns the contract the validator uses.
   *
   * @return the contract
   */
  public OpenAPIContract contract() {
    return contract;
  }

  /**
   * Adds the three handlers as router-wide routes with orders {@code order} to {@code order + 2}.
   *
   * @param router the router
   * @param order the order of the first handler; the operation lookup must run before it
   */
  public void mount(Router router, int order) {
    router.route().order(order).handler(this::beforeBody);
    router.route().order(order + 1).handler(this::readBody).failureHandler(this::bodyFailure);
    router.route().order(order + 2).handler(this::validate);
  }

  private void beforeBody(RoutingContext ctx) {
    Optional<OperationIndex.Match> m = OperationIndex.of(ctx);
    if (m.isEmpty()) {
      ctx.next();
      return;
    }
    ContractOperation op = m.get().operation();
    Optional<Rejection> r =
        RequestChecks.beforeBody(op, ctx.request(), ctx.queryParams(), queryNames.get(op.id()));
    if (r.isPresent()) {
      reject(ctx, r.get());
      return;
    }
    BodyKind kind = kind(op, ctx);
    if (kind == BodyKind.ROUTE || kind == BodyKind.UPLOAD) {
      // Validation goes asynchronous before the route reads this body: hold it until then.
      ctx.request().pause();
    }
    ctx.next();
  }

  private void readBody(RoutingContext ctx) {
    Optional<OperationIndex.Match> m = OperationIndex.of(ctx);
    BodyHandler reader = m.map(x -> bodyReaders.get(x.operation().id())).orElse(null);
    if (reader == null || kind(m.get().operation(), ctx) != BodyKind.JSON) {
      ctx.next();
      return;
    }
    reader.handle(ctx);
  }

  private void bodyFailure(RoutingContext ctx) {
    Optional<OperationIndex.Match> m = OperationIndex.of(ctx);
    if (ctx.statusCode() == 413 && m.isPresent()) {
      reject(ctx, Rejection.tooLarge(Math.max(0, m.get().operation().bodyLimit())));
    } else if (ctx.statusCode() == 413) {
      reject(ctx, new Rejection(413, "Content Too Large", "body: too large"));
    } else {
      ctx.next();
    }
  }

  private void validate(RoutingContext ctx) {
    Optional<OperationIndex.Match> m = OperationIndex.of(ctx);
    if (m.isEmpty()) {
      ctx.next();
      return;
    }
    ContractOperation op = m.get().operation();
    Operation model = contract.operation(op.id());
    Buffer body = kind(op, ctx) == BodyKind.JSON && ctx.body() != null ? ctx.body().buffer() : null;
    Map<Parameter, String> raw = new LinkedHashMap<>();
    for (var e :
        RequestChecks.rawValues(
            model, ctx.request(), ctx.queryParams(), m.get().pathParameters())) {
      raw.put(e.getKey(), e.getValue());
    }
    String mediaType =
        op.mediaFor(ctx.request().getHeader("content-type")).map(Map.Entry::getKey).orElse(null);
    check(op.id(), model, raw, mediaType, body)
        .onComplete(
            r -> {
              if (r.failed()) {
                ctx.fail(r.cause());
              } else if (r.result().isPresent()) {
                reject(ctx, r.result().get());
              } else {
                ctx.next();
              }
            });
  }

  /**
   * Validates a request given as its parts, exactly as the gate validates it over HTTP after its
   * head checks (strict JSON, then the validator, then the explanation of a refusal).
   *
   * @param operationId the operation
   * @param parameters raw parameter values by name (path, query, header and cookie alike)
   * @param mediaType the declared media type the body was sent as, or null
   * @param body the JSON body, or null for none
   * @return the refusal, or empty if the request matches the contract
   */
  public Future<Optional<Rejection>> check(
      String operationId, Map<String, String> parameters, String mediaType, Buffer body) {
    Operation model = contract.operation(operationId);
    if (model == null) {
      return Future.failedFuture(
          new IllegalArgumentException("operationId: no operation " + operationId));
    }
    Map<Parameter, String> raw = new LinkedHashMap<>();
    for (Parameter p : model.getParameters()) {
      String v = parameters.get(p.getName());
      if (v != null) {
        raw.put(p, v);
      }
    }
    return check(operationId, model, raw, mediaType, body);
  }

  private Future<Optional<Rejection>> check(
      String id, Operation model, Map<Parameter, String> raw, String mediaType, Buffer body) {
    if (model.getParameters().isEmpty() && model.getRequestBody() == null) {
      return Future.succeededFuture(Optional.empty()); // nothing the head checks left to validate
    }
    Future<Optional<Rejection>> syntax =
        body == null || body.length() == 0
            ? Future.succeededFuture(Optional.empty())
            : body.length() <= INLINE_PARSE_LIMIT
                ? Future.succeededFuture(RequestChecks.strictJson(body.getBytes()))
                : vertx.executeBlocking(() -> RequestChecks.strictJson(body.getBytes()), false);
    return syntax.compose(
        refused -> {
          if (refused.isPresent()) {
            return Future.succeededFuture(refused);
          }
          return validator
              .validate(new Request(raw, body, mediaType), id)
              .transform(
                  v ->
                      Future.succeededFuture(
                          v.succeeded()
                              ? Optional.<Rejection>empty()
                              : Optional.of(
                                  RequestChecks.explain(
                                          model, contract.getSchemaRepository(), raw, body)
                                      .orElse(
                                          Rejection.badRequest(
                                              "request: " + v.cause().getMessage())))));
        });
  }

  private static BodyKind kind(ContractOperation op, RoutingContext ctx) {
    return op.mediaFor(ctx.request().getHeader("content-type"))
        .map(Map.Entry::getValue)
        .orElse(BodyKind.NONE);
  }

  private void reject(RoutingContext ctx, Rejection r) {
    onReject.accept(ctx);
    if (!ctx.request().isEnded()) {
      // The body was never read: end the connection rather than drain an unwanted upload.
      ctx.response().putHeader("connection", "close");
    }
    Problems.send(ctx, r.status(), r.title(), r.detail());
  }

  /** A request as the Vert.x validator reads it, from values the gate has already extracted. */
  private record Request(Map<Parameter, String> raw, Buffer body, String mediaType)
      implements ValidatableRequest {
    private Map<String, RequestParameter> in(Location where) {
      Map<String, RequestParameter> out = new HashMap<>();
      raw.forEach(
          (p, v) -> {
            if (p.getIn() == where) {
              out.put(p.getName(), new Value(v));
            }
          });
      return out;
    }

    @Override
    public Map<String, RequestParameter> getCookies() {
      return in(Location.COOKIE);
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
      return in(Location.PATH);
    }

    @Override
    public Map<String, RequestParameter> getQuery() {
      return in(Location.QUERY);
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return in(Location.HEADER);
    }

    @Override
    public RequestParameter getBody() {
      return new Value(body);
    }

    @Override
    public String getContentType() {
      return mediaType;
    }
  }

  /** One raw value. */
  private record Value(Object get) implements RequestParameter {}
}
