package dev.parley.consent.store;

import java.util.List;

/** A write rejected by the consent SHACL shapes; nothing was changed. */
public final class ConsentValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  /**
   * Creates the exception.
   *
   * @param violations one line per violation: focus node, path and shape message
   */
  public ConsentValidationException(List<String> violations) {
    super("rejected by SHACL shapes/consent.ttl: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * Returns the violations.
   *
   * @return one line per violation
   */
  public List<String> violations() {
    return violations;
  }
}
