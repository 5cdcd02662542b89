package dev.parley.cleanroom.analysis;

import java.util.Objects;

/** A query was refused by the collaboration's rules; nothing was computed or released. */
public final class QueryRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The broken rule. */
  @SuppressWarnings("serial") // a record of strings and an enum; never serialized in practice
  private final RuleViolation violation;

  /**
   * Creates the exception.
   *
   * @param violation the broken rule
   */
  public QueryRefusedException(RuleViolation violation) {
    super(Objects.requireNonNull(violation, "violation").path() + ": " + violation.message());
    this.violation = violation;
  }

  /**
   * Returns the broken rule.
   *
   * @return the violation
   */
  public RuleViolation violation() {
    return violation;
  }
}
