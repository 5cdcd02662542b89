package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.ColumnType;

/** The value type of a metric column. */
public enum MetricType {
  /** A signed 64-bit integer written as optional {@code -} and decimal digits. */
  INTEGER(ColumnType.INTEGER),
  /** A finite decimal number such as {@code -12.50} or {@code 1.5e3}, stored as a double. */
  DECIMAL(ColumnType.DECIMAL),
  /** An ISO 8601 calendar date {@code YYYY-MM-DD} in years 0001-9999. */
  DATE(ColumnType.DATE);

  private final ColumnType columnType;

  MetricType(ColumnType columnType) {
    this.columnType = columnType;
  }

  /**
   * Returns the engine column type that stores this metric.
   *
   * @return the column type
   */
  public ColumnType columnType() {
    return columnType;
  }
}
