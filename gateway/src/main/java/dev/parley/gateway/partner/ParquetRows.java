package dev.parley.gateway.partner;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a Parquet file, read locally through DuckDB's {@code read_parquet} (an in-memory
 * DuckDB, streaming the file): every column is cast to text ({@code VARCHAR}: dates as {@code
 * YYYY-MM-DD}, numbers in their shortest form), NULL becomes {@code ""}. Progress is rows read over
 * the row count in the file's metadata.
 */
final class ParquetRows implements SourceRows {
  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final List<String> header;
  private final long total;
  private long read;

  private ParquetRows(
      Connection connection, Statement statement, ResultSet rows, List<String> header, long total) {
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.header = header;
    this.total = total;
  }

  static ParquetRows open(Path file) throws IOException {
    String source = "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:duckdb:");
      List<String> header = new ArrayList<>();
      long total;
      try (Statement s = c.createStatement();
          ResultSet d = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
        while (d.next()) {
          header.add(d.getString(1));
        }
      }
      try (Statement s = c.createStatement();
          ResultSet n = s.executeQuery("SELECT count(*) FROM " + source)) {
        n.next();
        total = n.getLong(1);
      }
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < header.size(); i++) {
        select.append(i == 0 ? "" : ", ").append("CAST(\"");
        select.append(header.get(i).replace("\"", "\"\"")).append("\" AS VARCHAR)");
      }
      Statement s = c.createStatement();
      ResultSet rows = s.executeQuery(select + " FROM " + source);
      return new ParquetRows(c, s, rows, List.copyOf(header), total);
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Reporting the first failure.
        }
      }
      throw new IOException(file.getFileName() + ": cannot read as Parquet: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public boolean next() throws IOException {
    try {
      boolean more = rows.next();
      if (more) {
        read++;
      }
      return more;
    } catch (SQLException e) {
      throw new IOException("Parquet row " + (read + 1) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> values() {
    List<String> out = new ArrayList<>(header.size());
    try {
      for (int i = 1; i <= header.size(); i++) {
        String v = rows.getString(i);
        out.add(v == null ? "" : v);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Parquet row " + read + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public double progress() {
    return total == 0 ? 1 : Math.min(1.0, (double) read / total);
  }

  @Override
  public void close() throws IOException {
    try {
      rows.close();
      statement.close();
      connection.close();
    } catch (SQLException e) {
      throw new IOException("cannot close the Parquet reader: " + e.getMessage(), e);
    }
  }
}
