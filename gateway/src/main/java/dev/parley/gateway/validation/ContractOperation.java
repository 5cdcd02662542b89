package dev.parley.gateway.validation;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One operation of {@code openapi.yaml} as the request gate sees it: where it lives, who may call
 * it ({@code x-parley-roles}) and how its body is handled.
 *
 * @param id the operationId
 * @param method the HTTP method
 * @param path the compiled path template
 * @param roles the {@code x-parley-roles} values (never empty)
 * @param tags the operation's tags
 * @param media the declared request media types (lower case, without parameters) and how each is
 *     handled; empty when the operation takes no body
 * @param bodyRequired whether {@code requestBody.required} is true
 * @param bodyLimit the largest body accepted, in bytes ({@link BodyLimits}); 0 for no body, -1 when
 *     only the route limits it (uploads)
 */
public record ContractOperation(
    String id,
    HttpMethod method,
    PathTemplate path,
    Set<ContractRole> roles,
    List<String> tags,
    Map<String, BodyKind> media,
    boolean bodyRequired,
    long bodyLimit) {
  /** Validates and copies the fields. */
  public ContractOperation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    roles = Set.copyOf(roles);
    tags = List.copyOf(tags);
    media = Map.copyOf(media);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(id + ": x-parley-roles must name at least one role");
    }
  }

  /**
   * Returns whether anyone may call the operation without credentials.
   *
   * @return true if {@code x-parley-roles} holds {@code public}
   */
  public boolean isPublic() {
    return roles.contains(ContractRole.PUBLIC);
  }

  /**
   * Returns whether the operation declares a request body.
   *
   * @return true if it has at least one request media type
   */
  public boolean takesBody() {
    return !media.isEmpty();
  }

  /**
   * Finds how a request's {@code Content-Type} is handled.
   *
   * @param contentType the header value, possibly with parameters, or null
   * @return the declared media type and its handling, or empty if the type is not declared
   */
  public Optional<Map.Entry<String, BodyKind>> mediaFor(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String bare = bareMediaType(contentType);
    BodyKind kind = media.get(bare);
    return kind == null ? Optional.empty() : Optional.of(Map.entry(bare, kind));
  }

  /**
   * Returns a media type without parameters or surrounding space, in lower case.
   *
   * @param contentType a {@code Content-Type} value
   * @return for example {@code application/json} for {@code Application/JSON; charset=utf-8}
   */
  public static String bareMediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Classifies a declared request media type.
   *
   * @param mediaType a bare media type
   * @return {@link BodyKind#JSON}, {@link BodyKind#UPLOAD} or {@link BodyKind#ROUTE}
   */
  public static BodyKind kindOf(String mediaType) {
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      return BodyKind.JSON;
    }
    if (mediaType.startsWith("multipart/")
        || Set.of(
                "text/csv",
                "text/tab-separated-values",
                "application/octet-stream",
                "application/x-ndjson",
                "application/gzip")
            .contains(mediaType)) {
      return BodyKind.UPLOAD;
    }
    return BodyKind.ROUTE;
  }
}
