package dev.parley.cleanroom.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles an {@link AggregationPlan} into one DuckDB SQL statement with bound parameters.
 *
 * <p>Only validated names reach the SQL text (tables from {@link TableRef}, columns checked against
 * the tables' actual columns, both double-quoted); every number the plan carries (clamping bounds,
 * the group cap, the threshold) is a {@code ?} parameter. The statement has four steps:
 *
 * <ol>
 *   <li>{@code j}: the inner join of the inputs on {@code token}, restricted by a semi-join to the
 *       token set if there is a subject filter, with one column per group-by column and one clamped
 *       {@code DOUBLE} per SUM/AVG aggregate. Clamping uses {@code CASE} rather than {@code least}
 *       / {@code greatest} because DuckDB's {@code least(NULL, x)} is {@code x}, which would turn
 *       missing values into a bound.
 *   <li>{@code k} (only with maxGroupsPerSubject &gt; 0): keeps, per token, the joined rows of its
 *       first maxGroupsPerSubject distinct groups ordered by {@code h = sha256(hex(token) ||
 *       enc(g1) || ... )}, where {@code enc(g) = '|' || coalesce('v' || strlen(s) || ':' || s,
 *       'n')} with {@code s = CAST(g AS VARCHAR)} (length-prefixed, so distinct groups have
 *       distinct inputs).
 *   <li>{@code s} (only with maxGroupsPerSubject &gt; 0): one row per (token, group) whose SUM/AVG
 *       inputs are the subject's values in that group summed and then clamped, so each subject's
 *       contribution to a group is bounded however many rows it has or the join fans out to
 *       (per-subject contribution bounding for differential privacy); in this mode step {@code j}
 *       does not clamp single values.
 *   <li>{@code agg}: per group, {@code COUNT(DISTINCT token)}, {@code coalesce(SUM(c), 0)} and
 *       {@code SUM(c) / COUNT(c)} (NULL if the group has no values).
 *   <li>The released groups ({@code subjects >= minSubjects}) ordered by their group values ({@code
 *       NULLS LAST}), followed by one row counting the suppressed groups, so suppressed values
 *       never leave the engine.
 * </ol>
 */
final class PlanCompiler {
  /** The schema holding published tables. */
  static final String TABLE_SCHEMA = "main";

  /**
   * The in-memory database attached to the engine's DuckDB instance that holds token sets (in its
   * schema {@code main}); never written to the database file.
   */
  static final String TOKEN_SET_CATALOG = "token_sets";

  /**
   * Returns the SQL name of a token set: {@code "token_sets"."main"."name"}; validated names only.
   */
  static String tokenSet(String name) {
    return EngineNames.quote(TOKEN_SET_CATALOG) + ".\"main\"." + EngineNames.quote(name);
  }

  private PlanCompiler() {}

  /**
   * A compiled statement.
   *
   * @param sql the SQL text
   * @param params the parameters in the order of the {@code ?} markers
   * @param groupTypes the types of the group-by columns, in output order
   */
  record Compiled(String sql, List<Object> params, List<ColumnType> groupTypes) {}

  /**
   * Compiles a plan.
   *
   * @param plan the plan
   * @param inputColumns per input, its columns by name
   * @return the statement
   * @throws IllegalArgumentException naming the plan field (e.g. {@code groupBy[1]}) whose column
   *     does not exist or has the wrong type
   */
  static Compiled compile(AggregationPlan plan, List<Map<String, ColumnType>> inputColumns) {
    Optional<String> filter = plan.subjectFilter().map(PlanCompiler::tokenSet);
    List<Object> params = new ArrayList<>();
    List<ColumnType> groupTypes = new ArrayList<>();
    StringBuilder sql = new StringBuilder("WITH j AS (SELECT t0.token AS token");
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < plan.groupBy().size(); i++) {
      ColumnRef ref = plan.groupBy().get(i);
      ColumnType type = typeOf(plan, inputColumns, ref, "groupBy[" + i + "]");
      if (type == ColumnType.DECIMAL) {
        throw new IllegalArgumentException(
            "groupBy["
                + i
                + "]: column '"
                + ref.column()
                + "' is DECIMAL; group by a DIMENSION,"
                + " INTEGER or DATE column");
      }
      groupTypes.add(type);
      String g = "g" + i;
      groups.add(g);
      sql.append(", ").append(column(ref)).append(" AS ").append(g);
    }
    for (int i = 0; i < plan.aggregates().size(); i++) {
      Aggregate a = plan.aggregates().get(i);
      if (a.kind() == AggregateKind.COUNT_SUBJECTS) {
        continue;
      }
      ColumnRef ref = a.column().orElseThrow();
      ColumnType type = typeOf(plan, inputColumns, ref, "aggregates[" + i + "]");
      if (type != ColumnType.INTEGER && type != ColumnType.DECIMAL) {
        throw new IllegalArgumentException(
            "aggregates["
                + i
                + "]: "
                + a.kind()
                + " needs an INTEGER or DECIMAL column; '"
                + ref.column()
                + "' is "
                + type);
      }
      String x = "CAST(" + column(ref) + " AS DOUBLE)";
      if (plan.maxGroupsPerSubject() > 0) {
        sql.append(", ").append(x).append(" AS c").append(i); // clamped per subject in step s
      } else {
        sql.append(", ");
        clamp(sql, x, params, a);
        sql.append(" AS c").append(i);
      }
    }
    boolean capped = plan.maxGroupsPerSubject() > 0;
    if (capped) {
      sql.append(", sha256(hex(t0.token)");
      for (ColumnRef ref : plan.groupBy()) {
        String text = "CAST(" + column(ref) + " AS VARCHAR)";
        sql.append(" || '|' || coalesce('v' || CAST(strlen(").append(text);
        sql.append(") AS VARCHAR) || ':' || ").append(text).append(", 'n')");
      }
      sql.append(") AS h");
    }
    sql.append(" FROM ").append(table(plan, 0)).append(" AS t0");
    for (int i = 1; i < plan.inputs().size(); i++) {
      sql.append(" JOIN ").append(table(plan, i)).append(" AS t").append(i);
      sql.append(" ON t").append(i).append(".token = t0.token");
    }
    if (filter.isPresent()) {
      sql.append(" WHERE t0.token IN (SELECT token FROM ").append(filter.get()).append(')');
    }
    sql.append(')');
    String source = "j";
    if (capped) {
      sql.append(", k AS (SELECT j.* FROM j JOIN (SELECT token, h FROM (SELECT token, h,");
      sql.append(" row_number() OVER (PARTITION BY token ORDER BY h) AS rn");
      sql.append(" FROM (SELECT DISTINCT token, h FROM j)) WHERE rn <= ?) AS r");
      sql.append(" ON r.token = j.token AND r.h = j.h)");
      params.add((long) plan.maxGroupsPerSubject());
      // s: one row per (subject, group) with the subject's values summed and that total clamped,
      // so a subject contributes at most [lower, upper] to each of its (at most L) groups however
      // many rows it has or the join fans out to.
      sql.append(", s AS (SELECT token");
      for (String g : groups) {
        sql.append(", ").append(g);
      }
      for (int i = 0; i < plan.aggregates().size(); i++) {
        Aggregate a = plan.aggregates().get(i);
        if (a.kind() != AggregateKind.COUNT_SUBJECTS) {
          sql.append(", ");
          clamp(sql, "SUM(c" + i + ")", params, a);
          sql.append(" AS c").append(i);
        }
      }
      sql.append(" FROM k GROUP BY token");
      for (String g : groups) {
        sql.append(", ").append(g);
      }
      sql.append(')');
      source = "s";
    }
    sql.append(", agg AS (SELECT ");
    for (String g : groups) {
      sql.append(g).append(", ");
    }
    sql.append("COUNT(DISTINCT token) AS subjects");
    List<String> values = new ArrayList<>();
    for (int i = 0; i < plan.aggregates().size(); i++) {
      Aggregate a = plan.aggregates().get(i);
      String c = "c" + i;
      switch (a.kind()) {
        case COUNT_SUBJECTS -> {
          continue;
        }
        case SUM -> sql.append(", coalesce(SUM(").append(c).append("), 0)");
        case AVG -> sql.append(", SUM(").append(c).append(") / COUNT(").append(c).append(')');
      }
      sql.append(" AS v").append(i);
      values.add("v" + i);
    }
    sql.append(" FROM ").append(source);
    if (!groups.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(", ", groups));
    }
    sql.append(") SELECT 0 AS part");
    for (String g : groups) {
      sql.append(", ").append(g);
    }
    sql.append(", subjects");
    for (String v : values) {
      sql.append(", ").append(v);
    }
    sql.append(" FROM agg WHERE subjects >= ? UNION ALL SELECT 1");
    params.add(plan.minSubjects());
    for (int i = 0; i < groups.size(); i++) {
      sql.append(", NULL");
    }
    sql.append(", count(*)");
    for (int i = 0; i < values.size(); i++) {
      sql.append(", NULL");
    }
    sql.append(" FROM agg WHERE subjects < ? ORDER BY part");
    params.add(plan.minSubjects());
    for (String g : groups) {
      sql.append(", ").append(g).append(" ASC NULLS LAST");
    }
    return new Compiled(sql.toString(), List.copyOf(params), List.copyOf(groupTypes));
  }

  private static void clamp(StringBuilder sql, String x, List<Object> params, Aggregate a) {
    sql.append("CASE WHEN ").append(x).append(" IS NULL THEN NULL WHEN ").append(x);
    sql.append(" < ? THEN ? WHEN ").append(x).append(" > ? THEN ? ELSE ").append(x);
    sql.append(" END");
    params.add(a.lower());
    params.add(a.lower());
    params.add(a.upper());
    params.add(a.upper());
  }

  private static ColumnType typeOf(
      AggregationPlan plan,
      List<Map<String, ColumnType>> inputColumns,
      ColumnRef ref,
      String where) {
    ColumnType type = inputColumns.get(ref.input()).get(ref.column());
    if (type == null) {
      throw new IllegalArgumentException(
          where
              + ": input "
              + ref.input()
              + " (table "
              + plan.inputs().get(ref.input()).table()
              + ") has no column '"
              + ref.column()
              + "'");
    }
    return type;
  }

  private static String column(ColumnRef ref) {
    return "t" + ref.input() + "." + EngineNames.quote(ref.column());
  }

  private static String table(AggregationPlan plan, int input) {
    return EngineNames.quote(TABLE_SCHEMA)
        + "."
        + EngineNames.quote(plan.inputs().get(input).table());
  }
}
