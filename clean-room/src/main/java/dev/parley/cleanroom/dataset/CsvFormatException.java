package dev.parley.cleanroom.dataset;

/**
 * Thrown when the input is not well-formed RFC 4180 CSV; says where. The structure after such an
 * error cannot be trusted, so it always fails the upload.
 */
final class CsvFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long record;
  private final int field;

  /**
   * Creates the exception.
   *
   * @param record the 0-based record (0 = header, n = data row n)
   * @param field the 0-based field within the record
   * @param reason what is wrong
   */
  CsvFormatException(long record, int field, String reason) {
    super(reason);
    this.record = record;
    this.field = field;
  }

  /** Returns the 0-based record number: 0 for the header, n for data row n. */
  long record() {
    return record;
  }

  /** Returns the 0-based field index within the record. */
  int field() {
    return field;
  }
}
