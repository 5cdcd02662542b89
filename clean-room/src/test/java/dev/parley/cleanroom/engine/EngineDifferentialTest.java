package dev.parley.cleanroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random datasets and random plans give identical results in DuckDbEngine and InMemoryEngine. */
class EngineDifferentialTest {
  private static final int TABLES = 4;
  private static final int PLANS = 300;
  private static final List<String> DIMENSIONS =
      List.of("a", "b", "B", "ab", "é", "z", "\uD83D\uDE00", "\uFB01", "");

  @TempDir static Path dir;
  private static DuckDbEngine duck;
  private static InMemoryEngine naive;
  private static final List<TableRef> TABLE_REFS = new ArrayList<>();
  private static final List<List<ColumnDef>> TABLE_COLUMNS = new ArrayList<>();

  /** The distinct tokens (hex) appended to each table, aligned with TABLE_REFS. */
  private static final List<Set<String>> UPLOADED = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    duck = DuckDbEngine.openFile(dir.resolve("diff.duckdb"));
    naive = new InMemoryEngine();
    Random random = new Random(20261123);
    List<byte[]> tokens = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] t = new byte[64];
      random.nextBytes(t);
      tokens.add(t);
    }
    for (int t = 0; t < TABLES; t++) {
      List<ColumnDef> columns =
          List.of(
              new ColumnDef("d1", ColumnType.DIMENSION),
              new ColumnDef("d2", ColumnType.DIMENSION),
              new ColumnDef("n", ColumnType.INTEGER),
              new ColumnDef("x", ColumnType.DECIMAL),
              new ColumnDef("day", ColumnType.DATE));
      String name = "t" + t;
      Set<String> uploaded = new HashSet<>();
      try (TableWriter a = duck.createTable(name, columns);
          TableWriter b = naive.createTable(name, columns)) {
        for (byte[] token : tokens) {
          int rows = random.nextInt(4) - (t == 0 ? 0 : 1);
          for (int r = 0; r < rows; r++) {
            Object[] values = {
              random.nextInt(8) == 0 ? null : DIMENSIONS.get(random.nextInt(DIMENSIONS.size())),
              random.nextInt(8) == 0 ? null : "s" + random.nextInt(3),
              random.nextInt(8) == 0 ? null : (long) (random.nextInt(21) - 10),
              random.nextInt(8) == 0 ? null : (random.nextInt(81) - 40) / 4.0 + 0.0,
              random.nextInt(8) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(4))
            };
            a.append(token, values);
            b.append(token, values);
            uploaded.add(HexFormat.of().formatHex(token));
          }
        }
        assertEquals(a.commit(), b.commit());
      }
      TABLE_REFS.add(new TableRef(name, "p" + t));
      TABLE_COLUMNS.add(columns);
      UPLOADED.add(uploaded);
    }
    List<byte[]> filter = new ArrayList<>();
    for (byte[] token : tokens) {
      if (random.nextBoolean()) {
        filter.add(token);
      }
    }
    duck.createTokenSet("consented", filter.iterator());
    naive.createTokenSet("consented", filter.iterator());
  }

  @AfterAll
  static void close() {
    duck.close();
  }

  @Test
  void aggregate_randomPlans_duckDbMatchesNaiveReference() {
    Random random = new Random(7);
    int withRows = 0;
    int withSuppressed = 0;
    int capMattered = 0;
    for (int i = 0; i < PLANS; i++) {
      AggregationPlan plan = randomPlan(random);
      AggregateResult expected = naive.aggregate(plan);
      assertEquals(expected, duck.aggregate(plan), "plan " + i + ": " + plan);
      withRows += expected.rows().size() > 1 ? 1 : 0;
      withSuppressed += expected.suppressedRows() > 0 ? 1 : 0;
      if (plan.maxGroupsPerSubject() > 0) {
        AggregationPlan uncapped =
            new AggregationPlan(
                plan.inputs(),
                plan.subjectFilter(),
                plan.groupBy(),
                plan.aggregates(),
                0,
                plan.minSubjects());
        capMattered += naive.aggregate(uncapped).equals(expected) ? 0 : 1;
      }
    }
    // The random plans exercise every feature, so agreement is not vacuous.
    assertTrue(withRows > PLANS / 4, "plans with several groups: " + withRows);
    assertTrue(withSuppressed > PLANS / 10, "plans with suppressed groups: " + withSuppressed);
    assertTrue(
        capMattered > PLANS / 20, "plans where the group cap changed the result: " + capMattered);
  }

  @Test
  void aggregate_randomInputs_bothEnginesJoinExactlyTheCommonUploadedTokens() {
    Random random = new Random(11);
    int nonEmpty = 0;
    for (int i = 0; i < 20; i++) {
      List<TableRef> inputs = randomInputs(random);
      List<Set<String>> uploaded = new ArrayList<>();
      inputs.forEach(t -> uploaded.add(UPLOADED.get(TABLE_REFS.indexOf(t))));
      Set<String> expected = JoinedTokens.intersection(uploaded);
      JoinedTokens.assertExactly(expected, duck, inputs);
      JoinedTokens.assertExactly(expected, naive, inputs);
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertTrue(nonEmpty > 15, "joins with tokens: " + nonEmpty);
  }

  private static List<TableRef> randomInputs(Random random) {
    int n = 1 + random.nextInt(3);
    List<TableRef> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inputs.add(TABLE_REFS.get(random.nextInt(TABLES)));
    }
    return inputs;
  }

  private static AggregationPlan randomPlan(Random random) {
    List<TableRef> inputs = randomInputs(random);
    List<ColumnRef> groupBy = new ArrayList<>();
    int groups = random.nextInt(3);
    List<String> groupable = List.of("d1", "d2", "n", "day");
    for (int g = 0; g < groups; g++) {
      groupBy.add(
          new ColumnRef(
              random.nextInt(inputs.size()), groupable.get(random.nextInt(groupable.size()))));
    }
    List<Aggregate> aggregates = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int a = 0; a < count; a++) {
      ColumnRef column =
          new ColumnRef(random.nextInt(inputs.size()), random.nextBoolean() ? "n" : "x");
      double lower = (random.nextInt(21) - 10) / 2.0 + 0.0;
      double upper = lower + random.nextInt(20) / 2.0;
      aggregates.add(
          switch (random.nextInt(3)) {
            case 0 -> Aggregate.countSubjects();
            case 1 -> Aggregate.sum(column, lower, upper);
            default -> Aggregate.avg(column, lower, upper);
          });
    }
    return new AggregationPlan(
        inputs,
        random.nextInt(4) == 0 ? Optional.of("consented") : Optional.empty(),
        groupBy,
        aggregates,
        random.nextInt(4),
        random.nextInt(6));
  }
}
