package dev.parley.gateway.cleanroom;

import dev.parley.ledger.jcs.JsonObject;
import java.util.Objects;

/**
 * Ends a clean-room request with an RFC 9457 problem: thrown by route work on a worker thread and
 * answered by {@link Work}. The detail names the field and never holds a token, identifier or key.
 */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  @SuppressWarnings("serial") // an immutable JSON object; never serialized in practice
  private final JsonObject extensions;

  ProblemException(int status, String title, String detail, JsonObject extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.title = Objects.requireNonNull(title, "title");
    this.extensions = Objects.requireNonNull(extensions, "extensions");
  }

  /** A 400 naming the field. */
  static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail, JsonObject.builder().build());
  }

  /** A 404: the resource does not exist for this caller (whether or not it exists for others). */
  static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail, JsonObject.builder().build());
  }

  /** A 409: the request conflicts with the resource's state. */
  static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail, JsonObject.builder().build());
  }

  /** A 503: a store or the ledger refused; the detail says what was recorded. */
  static ProblemException unavailable(String detail) {
    return new ProblemException(503, "Service Unavailable", detail, JsonObject.builder().build());
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  /** Members added to the problem object (e.g. {@code rejections}, {@code rule}). */
  JsonObject extensions() {
    return extensions;
  }
}
