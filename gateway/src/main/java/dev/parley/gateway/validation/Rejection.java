package dev.parley.gateway.validation;

import java.util.Objects;

/**
 * Why the gate refused a request: the HTTP status and the RFC 9457 problem's title and detail.
 *
 * @param status 400, 404, 413 or 415
 * @param title the problem title for that status
 * @param detail what was wrong, starting with the field's path ({@code records[2].tcString: ...})
 */
public record Rejection(int status, String title, String detail) {
  /** Validates the fields. */
  public Rejection {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
  }

  static Rejection badRequest(String detail) {
    return new Rejection(400, "Bad Request", detail);
  }

  static Rejection notFound(String detail) {
    return new Rejection(404, "Not Found", detail);
  }

  static Rejection tooLarge(long limit) {
    return new Rejection(413, "Content Too Large", "body: larger than " + limit + " bytes");
  }

  static Rejection unsupportedMediaType(String detail) {
    return new Rejection(415, "Unsupported Media Type", detail);
  }
}
