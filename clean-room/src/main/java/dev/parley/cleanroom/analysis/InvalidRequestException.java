package dev.parley.cleanroom.analysis;

import dev.parley.ledger.jcs.InvalidFieldException;

/**
 * An analysis request is malformed: not strict JSON, or a field is missing, unknown, of the wrong
 * type or has a bad value. The message starts with the field path, e.g. {@code
 * metrics[0].aggregate: unknown aggregate 'median'}.
 */
public final class InvalidRequestException extends InvalidFieldException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param path the field path ({@code $} for the whole request)
   * @param reason what is wrong
   */
  public InvalidRequestException(String path, String reason) {
    super(path, reason);
  }

  /**
   * Creates the exception from a lower-level failure.
   *
   * @param path the field path
   * @param reason what is wrong
   * @param cause the failure
   */
  public InvalidRequestException(String path, String reason, Throwable cause) {
    super(path, reason, cause);
  }
}
