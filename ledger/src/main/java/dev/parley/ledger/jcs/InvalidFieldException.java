package dev.parley.ledger.jcs;

import java.util.Objects;

/**
 * A JSON document (a request body, analysis rules, a stored collaboration) has a field that is
 * missing, of the wrong type, or has a bad value. The message starts with the field's path, e.g.
 * {@code datasets[1].metrics[0].upper: must be >= lower}.
 */
public class InvalidFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The path of the offending field, e.g. {@code datasets[1].dimensions[0]}. */
  private final String path;

  /** What is wrong with it. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param path the field path ({@code $} for the document itself)
   * @param reason what is wrong
   */
  public InvalidFieldException(String path, String reason) {
    super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(reason, "reason"));
    this.path = path;
    this.reason = reason;
  }

  /**
   * Creates the exception for a lower-level validation failure.
   *
   * @param path the field path
   * @param cause the failure, whose message becomes the reason
   */
  public InvalidFieldException(String path, IllegalArgumentException cause) {
    this(path, String.valueOf(cause.getMessage()), cause);
  }

  /**
   * Creates the exception with its own reason for a lower-level failure.
   *
   * @param path the field path
   * @param reason what is wrong
   * @param cause the failure
   */
  public InvalidFieldException(String path, String reason, Throwable cause) {
    super(
        Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(reason, "reason"),
        cause);
    this.path = path;
    this.reason = reason;
  }

  /**
   * Returns the path of the offending field.
   *
   * @return e.g. {@code metrics[0].aggregate}
   */
  public String path() {
    return path;
  }

  /**
   * Returns what is wrong with the field, without the path.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
