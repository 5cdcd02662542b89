package dev.parley.cleanroom.dp;

import java.util.Objects;

/**
 * A symmetric integer confidence interval [low, high] = [value − k, value + k] around a noisy
 * value: it holds the true value with probability at least {@code coverage}, because the noise is
 * symmetric and Pr[|noise| ≤ k] ≥ coverage exactly (see {@link ConfidenceIntervals}).
 *
 * @param low value − k
 * @param high value + k
 * @param halfWidth k ≥ 0, the smallest with enough mass
 * @param coverage the guaranteed mass, e.g. 19/20
 */
public record ConfidenceInterval(long low, long high, long halfWidth, Rational coverage) {
  /**
   * Validates the interval.
   *
   * @throws IllegalArgumentException if high − low ≠ 2·halfWidth or halfWidth &lt; 0
   */
  public ConfidenceInterval {
    Objects.requireNonNull(coverage, "coverage");
    if (halfWidth < 0 || high - low != 2 * halfWidth) {
      throw new IllegalArgumentException(
          "interval [" + low + ", " + high + "] does not have half-width " + halfWidth);
    }
  }

  /**
   * Returns the interval value ± halfWidth.
   *
   * @param value the centre
   * @param halfWidth k ≥ 0
   * @param coverage the guaranteed mass
   * @return the interval
   * @throws ArithmeticException if an end overflows a long
   */
  public static ConfidenceInterval around(long value, long halfWidth, Rational coverage) {
    return new ConfidenceInterval(
        Math.subtractExact(value, halfWidth), Math.addExact(value, halfWidth), halfWidth, coverage);
  }
}
