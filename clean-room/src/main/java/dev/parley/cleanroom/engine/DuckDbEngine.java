package dev.parley.cleanroom.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@link AnalyticEngine} over one embedded DuckDB database file, {@code
 * <data>/clean-room/engine/parley.duckdb}; thread-safe.
 *
 * <p>Layout: published tables live in schema {@code main} as {@code (token BLOB NOT NULL,
 * <columns>)}; catalog records in {@code meta.catalog(kind, key, value)} with primary key {@code
 * (kind, key)}. Token sets {@code (token BLOB NOT NULL)} live in an in-memory database attached to
 * the instance as {@code token_sets}, so consented subjects are never written to the file and
 * vanish with the process. Plans can only name tables of {@code main}, so they never read the
 * catalog or a token set directly (a subject filter is a semi-join the compiler writes).
 *
 * <p>Life of a table: {@link #createTable} opens a connection of its own, begins a transaction,
 * creates a staging table {@code stg_<random>} and bulk-loads it through a {@link DuckDBAppender}
 * (DuckDB writes large transaction-local data straight to the database file, so memory stays
 * bounded). {@link CatalogTableWriter#commit(List)} renames the staging table to its final name and
 * inserts the catalog records in that same transaction, then commits: the table and its records
 * become visible, and durable, together. A crash before the commit leaves nothing, since DuckDB's
 * write-ahead log drops uncommitted transactions on recovery.
 *
 * <p>Every operation runs on its own connection duplicated from one root connection (DuckDB
 * connections are not meant to be shared between threads; duplicates share the database).
 */
public final class DuckDbEngine implements CatalogEngine {
  /** The database file's path relative to the data directory. */
  public static final String RELATIVE_PATH = "clean-room/engine/parley.duckdb";

  /** Length in bytes of every token: the 64-byte RFC 9497 Finalize output. */
  public static final int TOKEN_LENGTH = 64;

  private static final String STAGING_PREFIX = "stg_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final DuckDBConnection root;
  private final DuckDbMetadata metadata;

  private DuckDbEngine(Path file, DuckDBConnection root) {
    this.file = file;
    this.root = root;
    this.metadata = new DuckDbMetadata(this::connect);
  }

  /**
   * Opens (or creates) the engine under a data directory.
   *
   * @param dataDir the deployment's data directory
   * @return the engine over {@code <dataDir>/clean-room/engine/parley.duckdb}
   * @throws IOException if the directory or database cannot be created or opened
   */
  public static DuckDbEngine open(Path dataDir) throws IOException {
    return openFile(dataDir.resolve(RELATIVE_PATH));
  }

  /**
   * Opens (or creates) the engine over one database file.
   *
   * @param file the DuckDB database file
   * @return the engine
   * @throws IOException if the file cannot be created or opened
   */
  public static DuckDbEngine openFile(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    DuckDBConnection root;
    try {
      root = DriverManager.getConnection("jdbc:duckdb:" + absolute).unwrap(DuckDBConnection.class);
    } catch (SQLException e) {
      throw new IOException("cannot open DuckDB database " + absolute + ": " + e.getMessage(), e);
    }
    try (Statement s = root.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS meta");
      s.execute("ATTACH IF NOT EXISTS ':memory:' AS " + PlanCompiler.TOKEN_SET_CATALOG);
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*) FROM duckdb_databases() WHERE database_name = '"
                  + PlanCompiler.TOKEN_SET_CATALOG
                  + "' AND path IS NULL")) {
        if (!r.next() || r.getLong(1) != 1) {
          throw new SQLException(
              "database name " + PlanCompiler.TOKEN_SET_CATALOG + " is taken by a file database");
        }
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS meta.catalog (kind VARCHAR NOT NULL, key VARCHAR NOT NULL,"
              + " value VARCHAR NOT NULL, PRIMARY KEY (kind, key))");
    } catch (SQLException e) {
      closeQuietly(root);
      throw new IOException("cannot initialize " + absolute + ": " + e.getMessage(), e);
    }
    return new DuckDbEngine(absolute, root);
  }

  /** Returns the database file. */
  public Path file() {
    return file;
  }

  @Override
  public CatalogTableWriter createTable(String table, List<ColumnDef> columns) {
    EngineNames.requireTable("table", table);
    if (table.startsWith(STAGING_PREFIX)) {
      throw new IllegalArgumentException("table: names starting with stg_ are reserved");
    }
    List<ColumnDef> defs = List.copyOf(columns);
    StringBuilder ddl = new StringBuilder("(token BLOB NOT NULL");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < defs.size(); i++) {
      ColumnDef c = defs.get(i);
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("columns[" + i + "]: duplicate name " + c.name());
      }
      ddl.append(", ").append(EngineNames.quote(c.name())).append(' ').append(c.type().sqlType());
    }
    ddl.append(')');
    if (columns(table).isPresent()) {
      throw new EngineConflictException("table " + table + " already exists");
    }
    String staging = STAGING_PREFIX + HexFormat.of().formatHex(randomBytes());
    DuckDBConnection c = connect();
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + qualified(staging) + " " + ddl);
      }
      DuckDBAppender appender = c.createAppender(PlanCompiler.TABLE_SCHEMA, staging);
      return new DuckDbTableWriter(this, c, table, staging, defs, appender);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new EngineException("cannot create table " + table + ": " + e.getMessage(), e);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return b;
  }

  @Override
  public Optional<List<ColumnDef>> columns(String table) {
    return metadata.columns(table);
  }

  @Override
  public AggregateResult aggregate(AggregationPlan plan) {
    if (plan.subjectFilter().isPresent() && !metadata.tokenSetExists(plan.subjectFilter().get())) {
      throw new IllegalArgumentException(
          "subjectFilter: no token set " + plan.subjectFilter().get());
    }
    PlanCompiler.Compiled q = PlanCompiler.compile(plan, inputColumns(plan));
    try (Connection c = connect()) {
      return run(c, plan, q);
    } catch (SQLException e) {
      throw new EngineException("aggregation failed: " + e.getMessage(), e);
    }
  }

  /** The columns of each input of a plan, by name; refuses a plan naming an unpublished table. */
  private List<Map<String, ColumnType>> inputColumns(AggregationPlan plan) {
    List<Map<String, ColumnType>> inputColumns = new ArrayList<>();
    for (int i = 0; i < plan.inputs().size(); i++) {
      String table = plan.inputs().get(i).table();
      List<ColumnDef> defs =
          columns(table)
              .orElseThrow(
                  () -> new IllegalArgumentException("inputs: no published table " + table));
      Map<String, ColumnType> byName = new LinkedHashMap<>();
      defs.forEach(d -> byName.put(d.name(), d.type()));
      inputColumns.add(byName);
    }
    return inputColumns;
  }

  /** Runs a compiled plan on a connection and reads its released rows and suppressed count. */
  private static AggregateResult run(Connection c, AggregationPlan plan, PlanCompiler.Compiled q)
      throws SQLException {
    int groups = q.groupTypes().size();
    try (PreparedStatement p = c.prepareStatement(q.sql())) {
      for (int i = 0; i < q.params().size(); i++) {
        p.setObject(i + 1, q.params().get(i));
      }
      List<ResultRow> rows = new ArrayList<>();
      long suppressed = 0;
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long subjects = r.getLong(groups + 2);
          if (r.getInt(1) == 1) {
            suppressed = subjects;
            continue;
          }
          List<String> group = new ArrayList<>(groups);
          for (int g = 0; g < groups; g++) {
            group.add(groupValue(r, g + 2, q.groupTypes().get(g)));
          }
          List<Double> values = new ArrayList<>(plan.aggregates().size());
          int column = groups + 3;
          for (Aggregate a : plan.aggregates()) {
            if (a.kind() == AggregateKind.COUNT_SUBJECTS) {
              values.add((double) subjects);
            } else {
              double v = r.getDouble(column++);
              values.add(r.wasNull() ? null : v);
            }
          }
          rows.add(new ResultRow(group, subjects, values));
        }
      }
      return new AggregateResult(rows, suppressed);
    }
  }

  /** Renders a group value as the engine's string form: Long and LocalDate toString, or null. */
  private static String groupValue(ResultSet r, int column, ColumnType type) throws SQLException {
    return switch (type) {
      case DIMENSION -> r.getString(column);
      case INTEGER -> {
        long v = r.getLong(column);
        yield r.wasNull() ? null : Long.toString(v);
      }
      case DATE -> {
        LocalDate d = r.getObject(column, LocalDate.class);
        yield d == null ? null : d.toString();
      }
      case DECIMAL -> throw new IllegalStateException("DECIMAL groups are refused by the compiler");
    };
  }

  @Override
  public void createTokenSet(String name, Iterator<byte[]> tokens) {
    EngineNames.requireTable("token set name", name);
    String target = PlanCompiler.tokenSet(name);
    try (DuckDBConnection c = connect()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE OR REPLACE TABLE " + target + " (token BLOB NOT NULL)");
        }
        try (DuckDBAppender a = c.createAppender(PlanCompiler.TOKEN_SET_CATALOG, "main", name)) {
          long n = 0;
          while (tokens.hasNext()) {
            byte[] token = tokens.next();
            DuckDbTableWriter.checkToken(token, "tokens element " + n);
            a.beginRow().append(token).endRow();
            n++;
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new EngineException("cannot create token set " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void dropTokenSet(String name) {
    EngineNames.requireTable("token set name", name);
    execute("DROP TABLE IF EXISTS " + PlanCompiler.tokenSet(name));
  }

  @Override
  public Optional<CatalogRecord> catalogRecord(String kind, String key) {
    return metadata.catalogRecord(kind, key);
  }

  @Override
  public List<CatalogRecord> catalogRecords(String kind, String keyPrefix) {
    return metadata.catalogRecords(kind, keyPrefix);
  }

  @Override
  public void putCatalogRecord(CatalogRecord record) {
    metadata.putCatalogRecord(record);
  }

  /**
   * After a failed publication, says whether it failed because the table or a record now exists (a
   * concurrent writer won), or returns null.
   */
  EngineConflictException conflictAfterFailure(String table, List<CatalogRecord> records) {
    try {
      if (columns(table).isPresent()) {
        return new EngineConflictException("table " + table + " already exists");
      }
      for (CatalogRecord r : records) {
        if (catalogRecord(r.kind(), r.key()).isPresent()) {
          return new EngineConflictException(
              "catalog record " + r.kind() + "/" + r.key() + " already exists");
        }
      }
    } catch (EngineException e) {
      return null;
    }
    return null;
  }

  private void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new EngineException("statement failed: " + e.getMessage(), e);
    }
  }

  private DuckDBConnection connect() {
    try {
      return root.duplicate();
    } catch (SQLException e) {
      throw new EngineException("engine is closed or unavailable: " + e.getMessage(), e);
    }
  }

  /** Returns {@code main."table"}; only for validated names. */
  static String qualified(String table) {
    return EngineNames.quote(PlanCompiler.TABLE_SCHEMA) + "." + EngineNames.quote(table);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Already failing; the original error is reported.
    }
  }

  @Override
  public void close() {
    closeQuietly(root);
  }

  @Override
  public String toString() {
    return "DuckDbEngine[" + file + "]";
  }
}
