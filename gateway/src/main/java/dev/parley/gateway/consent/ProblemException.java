package dev.parley.gateway.consent;

/**
 * Ends a request with a given problem status; thrown by route work running on a worker thread and
 * turned into an RFC 9457 response by {@link Blocking}.
 */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  private ProblemException(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  /**
   * A 404: the resource does not exist for this caller.
   *
   * @param detail what was not found (never a token or secret)
   * @return the exception
   */
  static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }
}
