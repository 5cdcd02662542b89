package dev.parley.ledger.jcs;

/**
 * Thrown when input is not strict I-JSON as RFC 8785 §3.1 requires; says what and where.
 *
 * <p>The message has the form {@code "<reason> at byte offset <n>"}, followed by {@code " (path
 * <pointer>)"} when the problem is inside an object or array. The path is an RFC 6901 JSON Pointer
 * to the value (or property) concerned; messages show at most its last 120 characters, {@link
 * #path()} has it whole.
 */
public final class InvalidJsonException extends IllegalArgumentException {
  private static final int MAX_PATH_IN_MESSAGE = 120;

  private final String reason;
  private final long byteOffset;
  private final String path;

  InvalidJsonException(String reason, long byteOffset, String path) {
    super(
        reason
            + " at byte offset "
            + byteOffset
            + (path.isEmpty() ? "" : " (path " + abbreviate(path) + ")"));
    this.reason = reason;
    this.byteOffset = byteOffset;
    this.path = path;
  }

  /** Keeps messages short for deeply nested paths: the innermost part is the informative one. */
  private static String abbreviate(String path) {
    return path.length() <= MAX_PATH_IN_MESSAGE
        ? path
        : "..." + path.substring(path.length() - MAX_PATH_IN_MESSAGE);
  }

  /**
   * Returns what is wrong, without the location.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns the zero-based offset, in the input bytes, of the offending byte or token.
   *
   * @return the byte offset
   */
  public long byteOffset() {
    return byteOffset;
  }

  /**
   * Returns the JSON Pointer (RFC 6901) of the offending value or property.
   *
   * @return the pointer; empty for the top-level value or when not inside any value
   */
  public String path() {
    return path;
  }
}
