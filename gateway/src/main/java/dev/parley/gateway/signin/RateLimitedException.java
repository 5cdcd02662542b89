package dev.parley.gateway.signin;

import java.time.Duration;

/** Thrown when a sign-in start exceeds a rate limit; says which limit and when to retry. */
public final class RateLimitedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which limit was hit. */
  public enum Scope {
    /** Too many codes requested for one subject (one email address). */
    SUBJECT,
    /** Too many codes requested in total (protects the mail relay). */
    OVERALL
  }

  private final Scope scope;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param scope which limit was hit
   * @param retryAfter how long until a new start would be accepted
   */
  public RateLimitedException(Scope scope, Duration retryAfter) {
    super(
        (scope == Scope.SUBJECT
                ? "email: too many sign-in codes requested for this address"
                : "too many sign-in codes requested")
            + "; retry in "
            + Math.max(1, retryAfter.toSeconds())
            + " s");
    this.scope = scope;
    this.retryAfter = retryAfter;
  }

  /**
   * Returns which limit was hit.
   *
   * @return the scope
   */
  public Scope scope() {
    return scope;
  }

  /**
   * Returns how long until a new start would be accepted.
   *
   * @return the wait, never negative
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
