package dev.parley.cleanroom.analysis;

import java.util.Objects;

/**
 * Why the planner refused a request: which rule, where in the request, and a precise message.
 *
 * @param rule the rule the request breaks
 * @param path the request field at fault ({@code partner} for the requester itself)
 * @param message a precise, human-readable explanation
 */
public record RuleViolation(Rule rule, String path, String message) implements PlanOutcome {
  /** The rules a request can break. */
  public enum Rule {
    /** The requester is not a member of the collaboration (or it does not exist). */
    NOT_A_MEMBER,
    /** Not every member has approved the collaboration's rules yet. */
    NOT_ACTIVE,
    /** A requested dataset is not one of the collaboration's member datasets. */
    DATASET_NOT_IN_COLLABORATION,
    /** A member dataset has no published version yet. */
    DATASET_UNAVAILABLE,
    /** The request names a token or other identifier column. */
    IDENTIFIER_COLUMN,
    /** A grouping column is not an allowed dimension of its dataset. */
    DIMENSION_NOT_ALLOWED,
    /** An aggregated column is not an allowed metric of its dataset. */
    METRIC_NOT_ALLOWED,
    /** The aggregate function is not allowed by the rules. */
    AGGREGATE_NOT_ALLOWED,
    /** An allowed column is missing from, or has another type in, the dataset's latest version. */
    SCHEMA_MISMATCH,
    /** An overlap must include one of the requester's own datasets. */
    REQUESTER_DATASET_REQUIRED,
    /** The query would exceed the collaboration's differential-privacy budget. */
    BUDGET_EXHAUSTED,
    /** The differential-privacy noise for the query cannot be calibrated (bounds too wide). */
    NOISE_OUT_OF_RANGE
  }

  /** Validates the parts. */
  public RuleViolation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return rule + " at " + path + ": " + message;
  }
}
