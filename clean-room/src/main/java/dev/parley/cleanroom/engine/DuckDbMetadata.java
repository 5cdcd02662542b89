package dev.parley.cleanroom.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The DuckDB engine's metadata queries: table columns, token sets and catalog records. */
final class DuckDbMetadata {
  private final Supplier<? extends Connection> connect;

  DuckDbMetadata(Supplier<? extends Connection> connect) {
    this.connect = connect;
  }

  Optional<List<ColumnDef>> columns(String table) {
    EngineNames.requireTable("table", table);
    try (Connection c = connect.get();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ?"
                    + " AND table_name = ? ORDER BY column_index")) {
      p.setString(1, PlanCompiler.TABLE_SCHEMA);
      p.setString(2, table);
      List<ColumnDef> out = new ArrayList<>();
      boolean any = false;
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          any = true;
          String name = r.getString(1);
          if (!name.equals(EngineNames.TOKEN_COLUMN)) {
            out.add(new ColumnDef(name, typeOf(r.getString(2), table, name)));
          }
        }
      }
      return any ? Optional.of(List.copyOf(out)) : Optional.empty();
    } catch (SQLException e) {
      throw new EngineException("cannot read columns of " + table + ": " + e.getMessage(), e);
    }
  }

  private static ColumnType typeOf(String sqlType, String table, String column) {
    for (ColumnType t : ColumnType.values()) {
      if (t.sqlType().equals(sqlType)) {
        return t;
      }
    }
    throw new EngineException(
        "table " + table + " column " + column + " has unsupported type " + sqlType);
  }

  boolean tokenSetExists(String name) {
    try (Connection c = connect.get();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND schema_name ="
                    + " 'main' AND table_name = ?")) {
      p.setString(1, PlanCompiler.TOKEN_SET_CATALOG);
      p.setString(2, name);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new EngineException("cannot look up token set " + name + ": " + e.getMessage(), e);
    }
  }

  Optional<CatalogRecord> catalogRecord(String kind, String key) {
    List<CatalogRecord> found =
        queryCatalog(
            "SELECT kind, key, value FROM meta.catalog WHERE kind = ? AND key = ?", kind, key);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
  }

  List<CatalogRecord> catalogRecords(String kind, String keyPrefix) {
    return queryCatalog(
        "SELECT kind, key, value FROM meta.catalog WHERE kind = ? AND starts_with(key, ?)"
            + " ORDER BY key",
        kind,
        keyPrefix);
  }

  private List<CatalogRecord> queryCatalog(String sql, String kind, String key) {
    try (Connection c = connect.get();
        PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, kind);
      p.setString(2, key);
      List<CatalogRecord> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new CatalogRecord(r.getString(1), r.getString(2), r.getString(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new EngineException("cannot read the catalog: " + e.getMessage(), e);
    }
  }

  void putCatalogRecord(CatalogRecord record) {
    try (Connection c = connect.get();
        PreparedStatement p =
            c.prepareStatement("INSERT OR REPLACE INTO meta.catalog VALUES (?, ?, ?)")) {
      p.setString(1, record.kind());
      p.setString(2, record.key());
      p.setString(3, record.value());
      p.execute();
    } catch (SQLException e) {
      throw new EngineException("cannot write the catalog: " + e.getMessage(), e);
    }
  }
}
