package dev.parley.cleanroom.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The noise of one released row under differential privacy: one {@link CellNoise} for the subject
 * count and one per value, aligned with the output's value columns.
 *
 * @param subjects the noise of the row's subject count
 * @param values the noise of each value
 */
public record RowNoise(CellNoise subjects, List<CellNoise> values) {
  /** Copies the list. */
  public RowNoise {
    Objects.requireNonNull(subjects, "subjects");
    values = List.copyOf(values);
  }
}
