package dev.parley.cleanroom.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One unsuppressed output group of an aggregation.
 *
 * @param group the group values as strings (null for SQL NULL), aligned with the plan's groupBy
 * @param subjects the number of distinct tokens in the group
 * @param values aligned with the plan's aggregates (COUNT_SUBJECTS gives subjects as a double; an
 *     AVG over no values is null)
 */
public record ResultRow(List<String> group, long subjects, List<Double> values) {
  /** Copies the lists (which may contain nulls) into unmodifiable lists. */
  public ResultRow {
    group = Collections.unmodifiableList(new ArrayList<>(group));
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }
}
