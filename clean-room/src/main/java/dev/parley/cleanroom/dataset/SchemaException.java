package dev.parley.cleanroom.dataset;

import java.util.Objects;

/**
 * Thrown when a dataset schema (built in code or parsed from JSON) is invalid; the message starts
 * with the path of the offending field, e.g. {@code dimensions[1].allowed[0]: duplicate value}.
 */
public final class SchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * Creates the exception.
   *
   * @param path the field path ({@code ""} for the whole schema)
   * @param reason what is wrong
   */
  public SchemaException(String path, String reason) {
    super(path.isEmpty() ? reason : path + ": " + reason);
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * Returns the path of the offending field, e.g. {@code identifiers[0].type}.
   *
   * @return the path, or {@code ""} for the schema as a whole
   */
  public String path() {
    return path;
  }
}
