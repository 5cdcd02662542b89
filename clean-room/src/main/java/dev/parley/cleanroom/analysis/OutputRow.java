package dev.parley.cleanroom.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One released row: group values, distinct subjects, and aggregate values. Never a token.
 *
 * @param group the group values (null for a missing value), aligned with the output's group columns
 * @param subjects the distinct consented subjects in the group, at least k
 * @param values the aggregates (null for a mean over no values), aligned with the value columns
 */
public record OutputRow(List<String> group, long subjects, List<Double> values) {
  /** Copies the lists, which may hold nulls. */
  public OutputRow {
    group = Collections.unmodifiableList(new ArrayList<>(group));
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }
}
