package dev.parley.cleanroom.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One released row: group values, distinct subjects, and aggregate values. Never a token.
 *
 * <p>In a collaboration with differential privacy, {@code subjects} and every value are noisy and
 * {@code noise} says, per cell, the noise scale and a 95% confidence interval.
 *
 * @param group the group values (null for a missing value), aligned with the output's group columns
 * @param subjects the distinct consented subjects in the group, at least k (noisy under DP)
 * @param values the aggregates (null for a mean over no values), aligned with the value columns
 * @param noise the per-cell noise, present exactly under differential privacy
 */
public record OutputRow(
    List<String> group, long subjects, List<Double> values, Optional<RowNoise> noise) {
  /** Copies the lists, which may hold nulls, and checks that the noise aligns with the values. */
  public OutputRow {
    group = Collections.unmodifiableList(new ArrayList<>(group));
    values = Collections.unmodifiableList(new ArrayList<>(values));
    Objects.requireNonNull(noise, "noise");
    if (noise.isPresent() && noise.get().values().size() != values.size()) {
      throw new IllegalArgumentException("row noise does not align with the row's values");
    }
  }

  /**
   * Creates a row released without noise (thresholds only).
   *
   * @param group the group values
   * @param subjects the distinct subjects
   * @param values the aggregates
   */
  public OutputRow(List<String> group, long subjects, List<Double> values) {
    this(group, subjects, values, Optional.empty());
  }
}
