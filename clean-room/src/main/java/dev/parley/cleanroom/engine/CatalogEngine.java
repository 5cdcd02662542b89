package dev.parley.cleanroom.engine;

import java.util.List;
import java.util.Optional;

/**
 * An analytic engine with a durable catalog of small records that can be published atomically with
 * a table, so that a table and the registry row describing it appear together or not at all.
 */
public interface CatalogEngine extends AnalyticEngine {
  @Override
  CatalogTableWriter createTable(String table, List<ColumnDef> columns);

  /**
   * Returns a published table's non-token columns, in table order.
   *
   * @param table the table name
   * @return the columns, or empty if no such table is published
   */
  Optional<List<ColumnDef>> columns(String table);

  /**
   * Reads one catalog record.
   *
   * @param kind the record kind
   * @param key the key
   * @return the record, if present
   */
  Optional<CatalogRecord> catalogRecord(String kind, String key);

  /**
   * Lists the catalog records of one kind whose key starts with {@code keyPrefix}, ordered by key.
   *
   * @param kind the record kind
   * @param keyPrefix the key prefix ("" for all)
   * @return the records
   */
  List<CatalogRecord> catalogRecords(String kind, String keyPrefix);

  /**
   * Durably inserts or replaces one catalog record.
   *
   * @param record the record
   */
  void putCatalogRecord(CatalogRecord record);
}
