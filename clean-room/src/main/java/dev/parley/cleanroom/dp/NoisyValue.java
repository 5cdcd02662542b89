package dev.parley.cleanroom.dp;

import java.util.Objects;

/**
 * One noisy release: the noisy value, the noise parameter and a 95% confidence interval.
 *
 * <p>The noise itself is never part of this record (value − noise would be the true value).
 *
 * @param value the true value plus noise
 * @param mechanism the mechanism that added the noise
 * @param noiseScale the scale t for Laplace, σ² for Gaussian
 * @param interval95 [value − k, value + k] with Pr[|noise| ≤ k] ≥ 19/20
 */
public record NoisyValue(
    long value, Mechanism mechanism, Rational noiseScale, ConfidenceInterval interval95) {
  /** Checks that no component is null. */
  public NoisyValue {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(noiseScale, "noiseScale");
    Objects.requireNonNull(interval95, "interval95");
  }
}
