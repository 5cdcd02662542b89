package dev.parley.cleanroom.engine;

import java.util.List;

/** A table writer that can publish catalog records in the same transaction as its table. */
public interface CatalogTableWriter extends TableWriter {
  /**
   * Atomically publishes the table and inserts {@code records}: after a crash either all of them
   * exist or none does.
   *
   * @param records catalog records to insert; none may already exist
   * @return the table's row count
   * @throws EngineConflictException if the table or one of the records already exists; then nothing
   *     is published and the writer is closed
   */
  long commit(List<CatalogRecord> records);

  /** Publishes the table without catalog records. */
  @Override
  default long commit() {
    return commit(List.of());
  }
}
