package dev.parley.cleanroom.bench;

import dev.parley.cleanroom.analysis.OutputRow;
import dev.parley.cleanroom.analysis.QueryOutput;
import dev.parley.cleanroom.synth.AdvertiserRow;
import dev.parley.cleanroom.synth.PublisherRow;
import dev.parley.cleanroom.synth.SyntheticPopulation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The benchmark's baseline: the same rows as the uploads, keyed by the SHA-256 hex of each email
 * instead of a token, in plain tables of schema {@value #SCHEMA} of the engine's own DuckDB
 * database, and the same aggregation as one SQL statement.
 *
 * <p>The connection opens the engine's database file in the same process, which DuckDB's JDBC
 * driver serves from the same database instance (same buffer pool, same threads). The statement has
 * the shape the engine compiles a segment profile to: the inner join of the audience and the CRM,
 * restricted by a semi-join ({@code IN}) to a table of the consenting people's hashes, {@code
 * COUNT(DISTINCT id)} per interest, groups under k counted apart.
 */
final class CleanRoomBenchPlain implements AutoCloseable {
  /** The schema of the plain tables. */
  static final String SCHEMA = "bench_plain";

  private static final String QUERY =
      "WITH j AS (SELECT t0.id AS id, t0.interest AS g0 FROM bench_plain.audience AS t0"
          + " JOIN bench_plain.crm AS t1 ON t1.id = t0.id"
          + " WHERE t0.id IN (SELECT id FROM bench_plain.consented)),"
          + " agg AS (SELECT g0, COUNT(DISTINCT id) AS subjects FROM j GROUP BY g0)"
          + " SELECT 0 AS part, g0, subjects FROM agg WHERE subjects >= ?"
          + " UNION ALL SELECT 1, NULL, count(*) FROM agg WHERE subjects < ?"
          + " ORDER BY part, g0 ASC NULLS LAST";

  private final DuckDBConnection connection;

  /**
   * One released group of the plain answer.
   *
   * @param group the interest
   * @param subjects its distinct consenting matched people
   */
  record Group(String group, long subjects) {}

  /**
   * The plain answer.
   *
   * @param groups the groups with at least k people, by group value
   * @param suppressed how many groups had fewer
   */
  record Answer(List<Group> groups, long suppressed) {}

  private CleanRoomBenchPlain(DuckDBConnection connection) {
    this.connection = connection;
  }

  /**
   * Connects to the engine's database file.
   *
   * @param duckdbFile the engine's file ({@code DuckDbEngine.file()})
   * @return the baseline
   * @throws IllegalStateException if DuckDB refuses the connection
   */
  static CleanRoomBenchPlain open(Path duckdbFile) {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckdbFile.toAbsolutePath());
      return new CleanRoomBenchPlain(c.unwrap(DuckDBConnection.class));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + duckdbFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates and fills the plain tables: {@code crm} and {@code audience} (id, then the same columns
   * as the uploaded versions) and {@code consented} (the ids of consenting people).
   *
   * @param population the population the uploads came from
   * @param out where to print progress
   */
  void load(SyntheticPopulation population, PrintStream out) {
    long t0 = System.nanoTime();
    HexFormat hex = HexFormat.of();
    try (Statement s = connection.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute(
          "CREATE TABLE bench_plain.crm (id VARCHAR NOT NULL, age_band VARCHAR, region VARCHAR,"
              + " channel VARCHAR, ltv_band VARCHAR, rfm_segment VARCHAR, orders BIGINT,"
              + " purchase_amount DOUBLE, last_purchase DATE)");
      s.execute(
          "CREATE TABLE bench_plain.audience (id VARCHAR NOT NULL, age_band VARCHAR,"
              + " interest VARCHAR, device VARCHAR, region VARCHAR, minutes_per_week BIGINT)");
      s.execute("CREATE TABLE bench_plain.consented (id VARCHAR NOT NULL)");
      try (DuckDBAppender a = connection.createAppender(SCHEMA, "crm")) {
        for (long p = 0; p < population.advertiserCount(); p++) {
          AdvertiserRow r = population.advertiserRow(p);
          a.beginRow()
              .append(hex.formatHex(population.emailHash(p)))
              .append(r.ageBand())
              .append(r.region())
              .append(r.channel())
              .append(r.ltvBand())
              .append(r.rfmSegment())
              .append((long) r.orders())
              .append(r.purchaseAmount())
              .append(r.lastPurchase())
              .endRow();
        }
      }
      try (DuckDBAppender a = connection.createAppender(SCHEMA, "audience")) {
        for (long row = 0; row < population.publisherCount(); row++) {
          PublisherRow r = population.publisherRow(row);
          a.beginRow()
              .append(hex.formatHex(population.emailHash(r.person())))
              .append(r.ageBand())
              .append(r.interest())
              .append(r.device())
              .append(r.region())
              .append(r.minutesPerWeek())
              .endRow();
        }
      }
      long consenting = 0;
      try (DuckDBAppender a = connection.createAppender(SCHEMA, "consented")) {
        for (long p = 0; p < population.personCount(); p++) {
          if (population.consents(p)) {
            a.beginRow().append(hex.formatHex(population.emailHash(p))).endRow();
            consenting++;
          }
        }
      }
      out.printf(
          Locale.ROOT,
          "plain SQL: loaded %d + %d rows and %d consenting ids in %.2f s%n",
          population.advertiserCount(),
          population.publisherCount(),
          consenting,
          CleanRoomBench.seconds(t0));
    } catch (SQLException e) {
      throw new IllegalStateException("loading the plain tables failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the plain aggregation.
   *
   * @param k the threshold
   * @return the answer
   */
  Answer run(long k) {
    try (PreparedStatement p = connection.prepareStatement(QUERY)) {
      p.setLong(1, k);
      p.setLong(2, k);
      List<Group> groups = new ArrayList<>();
      long suppressed = 0;
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          if (r.getInt(1) == 1) {
            suppressed = r.getLong(3);
          } else {
            groups.add(new Group(r.getString(2), r.getLong(3)));
          }
        }
      }
      return new Answer(List.copyOf(groups), suppressed);
    } catch (SQLException e) {
      throw new IllegalStateException("the plain query failed: " + e.getMessage(), e);
    }
  }

  /**
   * Compares the released answer with the plain one and prints the verdict.
   *
   * @param released what the query service released
   * @param plain the plain answer
   * @param out where to print
   * @return true if both have the same groups in the same order, the same counts and the same
   *     number of suppressed groups
   */
  static boolean agree(QueryOutput released, Answer plain, PrintStream out) {
    List<Group> fromService = new ArrayList<>();
    for (OutputRow row : released.rows()) {
      fromService.add(new Group(row.group().getFirst(), row.subjects()));
    }
    boolean same =
        fromService.equals(plain.groups()) && released.suppressedRows() == plain.suppressed();
    if (same) {
      out.printf(
          Locale.ROOT,
          "answers agree: %d groups with the same counts, %d suppressed in both%n",
          fromService.size(),
          plain.suppressed());
    } else {
      out.println("ANSWERS DIFFER:");
      out.println("  query service: " + fromService + ", suppressed " + released.suppressedRows());
      out.println("  plain SQL:     " + plain.groups() + ", suppressed " + plain.suppressed());
    }
    return same;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing the plain connection failed", e);
    }
  }
}
