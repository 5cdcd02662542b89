package dev.parley.cleanroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTest {
  private static final List<ColumnDef> COLUMNS =
      List.of(
          new ColumnDef("segment", ColumnType.DIMENSION),
          new ColumnDef("spend", ColumnType.DECIMAL));

  @TempDir Path dir;
  private DuckDbEngine engine;

  @BeforeEach
  void open() throws Exception {
    engine = DuckDbEngine.open(dir);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private static byte[] token(int i) {
    byte[] t = new byte[64];
    Arrays.fill(t, (byte) i);
    return t;
  }

  private void load(String table, Object[][] rows) {
    try (TableWriter w = engine.createTable(table, COLUMNS)) {
      for (Object[] row : rows) {
        w.append(token((Integer) row[0]), Arrays.copyOfRange(row, 1, row.length));
      }
      assertEquals(rows.length, w.commit());
    }
  }

  @Test
  void open_dataDir_createsDatabaseFileAtDocumentedPath() {
    assertTrue(Files.exists(dir.resolve("clean-room/engine/parley.duckdb")));
  }

  @Test
  void createTable_closedWithoutCommit_leavesNothing() {
    try (TableWriter w = engine.createTable("t", COLUMNS)) {
      w.append(token(1), new Object[] {"a", 1.0});
    }
    assertEquals(Optional.empty(), engine.columns("t"));
    load("t", new Object[][] {{1, "a", 2.0}});
    assertEquals(Optional.of(COLUMNS), engine.columns("t"));
  }

  @Test
  void commit_existingTable_conflictAndFirstTableKept() {
    load("t", new Object[][] {{1, "a", 1.0}});
    assertThrows(EngineConflictException.class, () -> engine.createTable("t", COLUMNS));
    CatalogTableWriter late = engine.createTable("u", COLUMNS);
    load("u", new Object[][] {{2, "b", 1.0}});
    late.append(token(3), new Object[] {"c", 1.0});
    assertThrows(EngineConflictException.class, late::commit);
    assertEquals(1, countSubjects("u"));
  }

  @Test
  void commit_withCatalogRecord_publishesBothOrNeither() {
    CatalogRecord record = new CatalogRecord("registry", "k1", "{\"v\":1}");
    try (CatalogTableWriter w = engine.createTable("t", COLUMNS)) {
      w.append(token(1), new Object[] {"a", 1.0});
      w.commit(List.of(record));
    }
    assertEquals(Optional.of(record), engine.catalogRecord("registry", "k1"));
    try (CatalogTableWriter w = engine.createTable("t2", COLUMNS)) {
      w.append(token(1), new Object[] {"a", 1.0});
      assertThrows(
          EngineConflictException.class,
          () -> w.commit(List.of(new CatalogRecord("registry", "k1", "{\"v\":2}"))));
    }
    assertEquals(Optional.empty(), engine.columns("t2"));
    assertEquals(Optional.of(record), engine.catalogRecord("registry", "k1"));
  }

  @Test
  void catalog_putAndList_orderedByKeyWithPrefix() {
    engine.putCatalogRecord(new CatalogRecord("k", "a/2", "x"));
    engine.putCatalogRecord(new CatalogRecord("k", "a/1", "y"));
    engine.putCatalogRecord(new CatalogRecord("k", "b/1", "z"));
    engine.putCatalogRecord(new CatalogRecord("k", "a/1", "y2"));
    assertEquals(
        List.of(new CatalogRecord("k", "a/1", "y2"), new CatalogRecord("k", "a/2", "x")),
        engine.catalogRecords("k", "a/"));
  }

  @Test
  void reopen_committedTableAndCatalog_survive() throws Exception {
    load("t", new Object[][] {{1, "a", 1.0}, {2, "a", 2.0}});
    engine.putCatalogRecord(new CatalogRecord("k", "a", "1"));
    engine.close();
    engine = DuckDbEngine.open(dir);
    assertEquals(2, countSubjects("t"));
    assertEquals("1", engine.catalogRecord("k", "a").orElseThrow().value());
  }

  @Test
  void aggregate_nullValues_notClampedIntoBounds() {
    load("t", new Object[][] {{1, "a", null}, {2, "a", 50.0}, {3, "a", -5.0}});
    ColumnRef spend = new ColumnRef(0, "spend");
    AggregateResult r =
        engine.aggregate(
            plan(
                List.of(),
                List.of(Aggregate.sum(spend, 0, 10), Aggregate.avg(spend, 0, 10)),
                0,
                0));
    // NULL stays out (DuckDB's least(NULL, 10) would be 10); 50 -> 10, -5 -> 0.
    assertEquals(List.of(new ResultRow(List.of(), 3, List.of(10.0, 5.0))), r.rows());
  }

  @Test
  void aggregate_threshold_suppressesSmallGroupsAndCountsThem() {
    load(
        "t",
        new Object[][] {
          {1, "a", 1.0}, {2, "a", 1.0}, {3, "b", 1.0}, {4, null, 1.0}, {5, null, 1.0}
        });
    AggregateResult r =
        engine.aggregate(
            plan(List.of(new ColumnRef(0, "segment")), List.of(Aggregate.countSubjects()), 0, 2));
    List<String> nullGroup = new ArrayList<>();
    nullGroup.add(null);
    assertEquals(
        List.of(
            new ResultRow(List.of("a"), 2, List.of(2.0)),
            new ResultRow(nullGroup, 2, List.of(2.0))),
        r.rows());
    assertEquals(1, r.suppressedRows());
  }

  @Test
  void aggregate_capped_perSubjectTotalClampedNotEachRow() {
    // Subject 1 has three rows of 10 in group "a"; subject 2 one row of 4.
    load("t", new Object[][] {{1, "a", 10.0}, {1, "a", 10.0}, {1, "a", 10.0}, {2, "a", 4.0}});
    ColumnRef spend = new ColumnRef(0, "spend");
    List<Aggregate> aggs = List.of(Aggregate.sum(spend, 0, 15), Aggregate.avg(spend, 0, 15));
    List<ColumnRef> bySegment = List.of(new ColumnRef(0, "segment"));
    // Uncapped: each row clamped (10 each), 34 in all over four values.
    assertEquals(
        List.of(new ResultRow(List.of("a"), 2, List.of(34.0, 8.5))),
        engine.aggregate(plan(bySegment, aggs, 0, 0)).rows());
    // Capped (DP mode): subject 1's total 30 is clamped to 15, so it adds at most the bound.
    assertEquals(
        List.of(new ResultRow(List.of("a"), 2, List.of(19.0, 9.5))),
        engine.aggregate(plan(bySegment, aggs, 1, 0)).rows());
  }

  @Test
  void aggregate_maxGroupsPerSubject_eachSubjectCountedOnce() {
    load("t", new Object[][] {{1, "a", 1.0}, {1, "b", 1.0}, {1, "c", 1.0}, {2, "a", 1.0}});
    AggregateResult r =
        engine.aggregate(
            plan(List.of(new ColumnRef(0, "segment")), List.of(Aggregate.countSubjects()), 1, 0));
    assertEquals(2, r.rows().stream().mapToLong(ResultRow::subjects).sum());
  }

  @Test
  void aggregate_subjectFilter_keepsOnlyTokenSet() {
    load("t", new Object[][] {{1, "a", 1.0}, {2, "a", 1.0}, {3, "a", 1.0}});
    engine.createTokenSet("consent", List.of(token(1), token(3)).iterator());
    AggregationPlan p =
        new AggregationPlan(
            List.of(new TableRef("t", "p")),
            Optional.of("consent"),
            List.of(),
            List.of(Aggregate.countSubjects()),
            0,
            0);
    assertEquals(2, engine.aggregate(p).rows().getFirst().subjects());
    engine.createTokenSet("consent", List.of(token(2)).iterator());
    assertEquals(1, engine.aggregate(p).rows().getFirst().subjects());
    engine.dropTokenSet("consent");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> engine.aggregate(p));
    assertEquals("subjectFilter: no token set consent", e.getMessage());
  }

  @Test
  void aggregate_badColumns_preciseErrors() {
    load("t", new Object[][] {{1, "a", 1.0}});
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.aggregate(plan(List.of(new ColumnRef(0, "nope")), List.of(), 0, 0)));
    assertEquals("groupBy[0]: input 0 (table t) has no column 'nope'", missing.getMessage());
    IllegalArgumentException decimal =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.aggregate(plan(List.of(new ColumnRef(0, "spend")), List.of(), 0, 0)));
    assertTrue(decimal.getMessage().startsWith("groupBy[0]: column 'spend' is DECIMAL"));
    IllegalArgumentException sumText =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                engine.aggregate(
                    plan(
                        List.of(),
                        List.of(Aggregate.sum(new ColumnRef(0, "segment"), 0, 1)),
                        0,
                        0)));
    assertEquals(
        "aggregates[0]: SUM needs an INTEGER or DECIMAL column; 'segment' is DIMENSION",
        sumText.getMessage());
  }

  @Test
  void append_wrongTokenOrValueType_rejectedWithColumn() {
    try (TableWriter w = engine.createTable("t", COLUMNS)) {
      assertThrows(
          IllegalArgumentException.class, () -> w.append(new byte[32], new Object[] {"a", 1.0}));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> w.append(token(1), new Object[] {"a", 1L}));
      assertEquals("column spend: DECIMAL takes a finite Double or null, got Long", e.getMessage());
    }
  }

  @Test
  void aggregate_twoTables_joinsOnlyCommonTokens() {
    load("t", new Object[][] {{1, "a", 1.0}, {2, "a", 1.0}, {2, "b", 1.0}});
    load("u", new Object[][] {{2, "a", 1.0}, {3, "a", 1.0}});
    JoinedTokens.assertExactly(
        List.of(HexFormat.of().formatHex(token(2))),
        engine,
        List.of(new TableRef("t", "p"), new TableRef("u", "q")));
  }

  @Test
  void columns_dateColumn_roundTripsType() {
    List<ColumnDef> cols =
        List.of(new ColumnDef("day", ColumnType.DATE), new ColumnDef("n", ColumnType.INTEGER));
    try (TableWriter w = engine.createTable("d", cols)) {
      w.append(token(1), new Object[] {LocalDate.of(2025, 2, 3), 7L});
      w.commit();
    }
    assertEquals(Optional.of(cols), engine.columns("d"));
    AggregateResult r =
        engine.aggregate(
            new AggregationPlan(
                List.of(new TableRef("d", "p")),
                Optional.empty(),
                List.of(new ColumnRef(0, "day"), new ColumnRef(0, "n")),
                List.of(Aggregate.countSubjects()),
                0,
                0));
    assertEquals(List.of("2025-02-03", "7"), r.rows().getFirst().group());
  }

  private long countSubjects(String table) {
    return engine
        .aggregate(
            new AggregationPlan(
                List.of(new TableRef(table, "p")),
                Optional.empty(),
                List.of(),
                List.of(Aggregate.countSubjects()),
                0,
                0))
        .rows()
        .getFirst()
        .subjects();
  }

  private static AggregationPlan plan(
      List<ColumnRef> groupBy, List<Aggregate> aggregates, int cap, long minSubjects) {
    return new AggregationPlan(
        List.of(new TableRef("t", "p")), Optional.empty(), groupBy, aggregates, cap, minSubjects);
  }

  @Test
  void createTokenSet_inMemoryOnly_goneAfterReopenAndNotInFile() throws Exception {
    load("publishedprobe", new Object[][] {{1, "a", 1.0}, {2, "a", 1.0}});
    engine.createTokenSet("tokensetprobe", List.of(token(1)).iterator());
    AggregationPlan p =
        new AggregationPlan(
            List.of(new TableRef("publishedprobe", "p")),
            Optional.of("tokensetprobe"),
            List.of(),
            List.of(Aggregate.countSubjects()),
            0,
            0);
    assertEquals(1, engine.aggregate(p).rows().getFirst().subjects());
    engine.close();
    String file =
        new String(
            java.nio.file.Files.readAllBytes(engine.file()),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(file.contains("publishedprobe"), "a published table's name is in the file");
    assertFalse(file.contains("tokensetprobe"), "a token set's is not");
    engine = DuckDbEngine.open(dir);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> engine.aggregate(p));
    assertEquals("subjectFilter: no token set tokensetprobe", e.getMessage());
  }

  @Test
  void openFile_namedLikeTheTokenSetDatabase_refused() {
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class,
            () -> DuckDbEngine.openFile(dir.resolve("other").resolve("token_sets.duckdb")));
    assertTrue(e.getMessage().contains("token_sets is taken by a file database"), e.getMessage());
  }
}
