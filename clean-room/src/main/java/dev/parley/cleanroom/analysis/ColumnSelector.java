package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.engine.EngineNames;
import java.util.Objects;

/**
 * A column of a member dataset, as a request names it. Only the syntax is checked here; whether the
 * column may be read is the planner's decision.
 *
 * @param dataset the dataset
 * @param column the column name, {@code [a-z][a-z0-9_]{0,62}}
 */
public record ColumnSelector(DatasetKey dataset, String column) {
  /** Validates the parts. */
  public ColumnSelector {
    Objects.requireNonNull(dataset, "dataset");
    EngineNames.requireColumn("column", column);
  }

  /**
   * Returns the column as output headers name it.
   *
   * @return {@code partner/dataset.column}
   */
  public String label() {
    return dataset.label() + "." + column;
  }
}
