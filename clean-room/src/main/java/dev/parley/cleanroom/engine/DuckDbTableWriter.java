package dev.parley.cleanroom.engine;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Fills one table through a {@link DuckDBAppender} inside a single transaction on its own
 * connection; see {@link DuckDbEngine} for the publication protocol. Not thread-safe.
 */
final class DuckDbTableWriter implements CatalogTableWriter {
  private final DuckDbEngine engine;
  private final DuckDBConnection connection;
  private final String table;
  private final String staging;
  private final List<ColumnDef> columns;
  private DuckDBAppender appender;
  private long rows;
  private boolean done;

  DuckDbTableWriter(
      DuckDbEngine engine,
      DuckDBConnection connection,
      String table,
      String staging,
      List<ColumnDef> columns,
      DuckDBAppender appender) {
    this.engine = engine;
    this.connection = connection;
    this.table = table;
    this.staging = staging;
    this.columns = columns;
    this.appender = appender;
  }

  @Override
  public void append(byte[] token, Object[] values) {
    if (done) {
      throw new IllegalStateException("writer for table " + table + " is closed");
    }
    checkToken(token, "token");
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "values: expected " + columns.size() + " for table " + table + ", got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      checkValue(columns.get(i), values[i]);
    }
    try {
      appender.beginRow();
      appender.append(token);
      for (Object v : values) {
        switch (v) {
          case null -> appender.appendNull();
          case String s -> appender.append(s);
          case Long l -> appender.append(l.longValue());
          case Double d -> appender.append(d.doubleValue());
          case LocalDate d -> appender.append(d);
          default -> throw new IllegalStateException("checked above");
        }
      }
      appender.endRow();
    } catch (SQLException e) {
      close();
      throw new EngineException("appending to table " + table + " failed: " + e.getMessage(), e);
    }
    rows++;
  }

  static void checkToken(byte[] token, String where) {
    if (token == null || token.length != DuckDbEngine.TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          where
              + ": must be "
              + DuckDbEngine.TOKEN_LENGTH
              + " bytes, got "
              + (token == null ? "null" : token.length));
    }
  }

  private static void checkValue(ColumnDef column, Object value) {
    if (value == null) {
      return;
    }
    boolean ok =
        switch (column.type()) {
          case DIMENSION -> value instanceof String;
          case INTEGER -> value instanceof Long;
          case DECIMAL -> value instanceof Double d && Double.isFinite(d);
          case DATE -> value instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "column "
              + column.name()
              + ": "
              + column.type()
              + " takes "
              + switch (column.type()) {
                case DIMENSION -> "a String";
                case INTEGER -> "a Long";
                case DECIMAL -> "a finite Double";
                case DATE -> "a LocalDate in years 1-9999";
              }
              + " or null, got "
              + value.getClass().getSimpleName());
    }
  }

  @Override
  public long commit(List<CatalogRecord> records) {
    if (done) {
      throw new IllegalStateException("writer for table " + table + " is closed");
    }
    try {
      appender.close();
      appender = null;
      if (engine.columns(table).isPresent()) {
        throw new EngineConflictException("table " + table + " already exists");
      }
      try (Statement s = connection.createStatement()) {
        s.execute(
            "ALTER TABLE "
                + DuckDbEngine.qualified(staging)
                + " RENAME TO "
                + EngineNames.quote(table));
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO meta.catalog VALUES (?, ?, ?)")) {
        for (CatalogRecord r : records) {
          if (engine.catalogRecord(r.kind(), r.key()).isPresent()) {
            throw new EngineConflictException(
                "catalog record " + r.kind() + "/" + r.key() + " already exists");
          }
          insert.setString(1, r.kind());
          insert.setString(2, r.key());
          insert.setString(3, r.value());
          insert.execute();
        }
      }
      connection.commit();
      done = true;
      return rows;
    } catch (SQLException e) {
      EngineConflictException conflict = engine.conflictAfterFailure(table, records);
      if (conflict != null) {
        throw conflict;
      }
      throw new EngineException("publishing table " + table + " failed: " + e.getMessage(), e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (appender != null) {
      try {
        appender.close();
      } catch (SQLException e) {
        // The transaction is rolled back below; nothing of it survives.
      }
      appender = null;
    }
    try {
      if (!done && !connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // Closing the connection discards the transaction anyway.
    } finally {
      done = true;
      try {
        connection.close();
      } catch (SQLException e) {
        // Nothing left to release.
      }
    }
  }
}
