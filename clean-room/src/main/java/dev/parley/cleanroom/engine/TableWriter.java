package dev.parley.cleanroom.engine;

/** A writer filling one new engine table, invisible to readers until {@link #commit()}. */
public interface TableWriter extends AutoCloseable {
  /**
   * Appends one row.
   *
   * @param token the 64-byte subject token
   * @param values in column order: String for DIMENSION, Long for INTEGER, Double for DECIMAL,
   *     LocalDate for DATE, or null
   */
  void append(byte[] token, Object[] values);

  /** Atomically publishes the table; returns the row count. */
  long commit();

  /** Discards everything written (also what close() does if commit() was not called). */
  @Override
  void close();
}
