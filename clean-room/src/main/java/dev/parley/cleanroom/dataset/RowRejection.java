package dev.parley.cleanroom.dataset;

import java.util.Objects;

/**
 * Why one row (or the header) of an upload was rejected. Reasons name positions and character
 * classes, never the rejected value, since it may be personal data.
 *
 * @param row the 1-based data row (the header is row 0; blank lines are not counted)
 * @param column the column concerned, or null when the problem is the row as a whole (e.g. its
 *     field count)
 * @param reason what is wrong
 */
public record RowRejection(long row, String column, String reason) {
  /** Validates the fields. */
  public RowRejection {
    if (row < 0) {
      throw new IllegalArgumentException("row: must be >= 0, got " + row);
    }
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "row " + row + (column == null ? "" : ", column " + column) + ": " + reason;
  }
}
