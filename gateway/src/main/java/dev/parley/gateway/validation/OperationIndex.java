package dev.parley.gateway.validation;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the contract operation a request addresses, so that the gate can apply that operation's
 * roles, limits and schemas before any route runs.
 *
 * <p>OpenAPI 3.1, "Paths Object": "When matching URLs, concrete (non-templated) paths would be
 * matched before their templated counterparts." Templates are tried by decreasing number of literal
 * segments, wildcard templates last. A request no operation matches passes through untouched (the
 * router then answers 404 or 405).
 */
public final class OperationIndex {
  /** The routing-context key under which {@link #lookup()} stores the {@link Match}. */
  public static final String CONTEXT_KEY = "parley.operation";

  private final List<ContractOperation> operations;

  /**
   * A request's operation and its decoded path parameters.
   *
   * @param operation the operation
   * @param pathParameters the parameter values by name
   */
  public record Match(ContractOperation operation, Map<String, String> pathParameters) {
    /** Copies the parameters. */
    public Match {
      pathParameters = Map.copyOf(pathParameters);
    }
  }

  /**
   * Indexes operations.
   *
   * @param operations the contract's operations
   */
  public OperationIndex(List<ContractOperation> operations) {
    List<ContractOperation> sorted = new ArrayList<>(operations);
    sorted.sort(
        Comparator.comparingInt((ContractOperation o) -> o.path().literals())
            .reversed()
            .thenComparing(o -> o.path().template()));
    this.operations = List.copyOf(sorted);
  }

  /**
   * Returns every indexed operation.
   *
   * @return the operations, most specific first
   */
  public List<ContractOperation> operations() {
    return operations;
  }

  /**
   * Finds the operation of a request.
   *
   * @param method the request method
   * @param path the normalized request path (without query)
   * @return the match, or empty if no operation has this method and path
   */
  public Optional<Match> find(HttpMethod method, String path) {
    for (ContractOperation op : operations) {
      if (op.method().equals(method)) {
        Optional<Map<String, String>> params = op.path().match(path);
        if (params.isPresent()) {
          return Optional.of(new Match(op, params.get()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the handler that stores each request's {@link Match} (if any) on its context.
   *
   * @return the handler; it always continues with the next handler
   */
  public Handler<RoutingContext> lookup() {
    return ctx -> {
      find(ctx.request().method(), ctx.normalizedPath()).ifPresent(m -> ctx.put(CONTEXT_KEY, m));
      ctx.next();
    };
  }

  /**
   * Returns the operation {@link #lookup()} found for a request.
   *
   * @param ctx the request
   * @return the match, or empty for a request no operation matches
   */
  public static Optional<Match> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CONTEXT_KEY));
  }
}
