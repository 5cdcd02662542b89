package dev.parley.gateway.auth;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Turns one kind of credential on a request (an API key header, a session cookie) into a {@link
 * Principal}.
 *
 * <p>Guarantees expected of implementations: thread-safe, non-blocking (an in-memory lookup), and
 * constant-time in the secret part of the credential.
 */
@FunctionalInterface
public interface PrincipalResolver {
  /**
   * Authenticates the request with this resolver's kind of credential.
   *
   * @param request the request
   * @return the principal, or empty if the request carries no credential of this kind
   * @throws AuthenticationException if it carries one that is not valid
   */
  Optional<Principal> resolve(HttpServerRequest request) throws AuthenticationException;
}
