package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.ResultRow;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.engine.TableWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A naive in-memory {@link AnalyticEngine}: the contract's semantics written as directly as
 * possible (nested loops, no SQL), as a reference model for the query service and the real engine.
 * Group values are rendered with {@code toString}; groups sort by those strings, nulls last.
 */
final class ReferenceEngine implements AnalyticEngine {
  private record Row(String token, List<Object> values) {}

  private record Table(List<ColumnDef> columns, List<Row> rows) {
    int index(String column) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(column)) {
          return i;
        }
      }
      throw new IllegalArgumentException("no column " + column);
    }
  }

  private final Map<String, Table> tables = new HashMap<>();
  private final Map<String, Set<String>> tokenSets = new HashMap<>();
  private int aggregations;

  /** How many times {@link #aggregate} ran. */
  int aggregations() {
    return aggregations;
  }

  /** The names of the token sets that exist now. */
  Set<String> tokenSets() {
    return Set.copyOf(tokenSets.keySet());
  }

  @Override
  public TableWriter createTable(String table, List<ColumnDef> columns) {
    List<Row> rows = new ArrayList<>();
    return new TableWriter() {
      @Override
      public void append(byte[] token, Object[] values) {
        rows.add(new Row(HexFormat.of().formatHex(token), new ArrayList<>(Arrays.asList(values))));
      }

      @Override
      public long commit() {
        tables.put(table, new Table(List.copyOf(columns), List.copyOf(rows)));
        return rows.size();
      }

      @Override
      public void close() {}
    };
  }

  private Set<String> joined(List<TableRef> inputs) {
    Set<String> tokens = new LinkedHashSet<>();
    tables.get(inputs.get(0).table()).rows().forEach(r -> tokens.add(r.token()));
    for (TableRef t : inputs.subList(1, inputs.size())) {
      Set<String> other = new LinkedHashSet<>();
      tables.get(t.table()).rows().forEach(r -> other.add(r.token()));
      tokens.retainAll(other);
    }
    return tokens;
  }

  @Override
  public AggregateResult aggregate(AggregationPlan plan) {
    aggregations++;
    if (plan.maxGroupsPerSubject() != 0) {
      throw new UnsupportedOperationException("maxGroupsPerSubject");
    }
    Set<String> subjects = joined(plan.inputs());
    plan.subjectFilter().ifPresent(f -> subjects.retainAll(tokenSets.get(f)));
    Map<List<String>, Set<String>> tokensByGroup = new LinkedHashMap<>();
    Map<List<String>, List<List<Double>>> valuesByGroup = new LinkedHashMap<>();
    for (String token : subjects) {
      for (List<Row> combo : combinations(plan.inputs(), token)) {
        List<String> group = new ArrayList<>();
        for (ColumnRef g : plan.groupBy()) {
          Object v = value(plan, combo, g);
          group.add(v == null ? null : v.toString());
        }
        tokensByGroup.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(token);
        List<List<Double>> perAggregate =
            valuesByGroup.computeIfAbsent(group, k -> emptyLists(plan.aggregates().size()));
        for (int i = 0; i < plan.aggregates().size(); i++) {
          Aggregate a = plan.aggregates().get(i);
          if (a.column().isPresent()) {
            Object v = value(plan, combo, a.column().get());
            if (v != null) {
              double d = ((Number) v).doubleValue();
              perAggregate.get(i).add(Math.min(a.upper(), Math.max(a.lower(), d)));
            }
          }
        }
      }
    }
    if (plan.groupBy().isEmpty() && tokensByGroup.isEmpty()) {
      tokensByGroup.put(List.of(), Set.of());
      valuesByGroup.put(List.of(), emptyLists(plan.aggregates().size()));
    }
    Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
    Comparator<List<String>> byGroup =
        (x, y) -> {
          for (int i = 0; i < x.size(); i++) {
            int c = nullsLast.compare(x.get(i), y.get(i));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    TreeMap<List<String>, Set<String>> sorted = new TreeMap<>(byGroup);
    sorted.putAll(tokensByGroup);
    List<ResultRow> rows = new ArrayList<>();
    long suppressed = 0;
    for (Map.Entry<List<String>, Set<String>> e : sorted.entrySet()) {
      long n = e.getValue().size();
      if (n < plan.minSubjects()) {
        suppressed++;
        continue;
      }
      List<Double> values = new ArrayList<>();
      List<List<Double>> perAggregate = valuesByGroup.get(e.getKey());
      for (int i = 0; i < plan.aggregates().size(); i++) {
        List<Double> vs = perAggregate.get(i);
        double sum = vs.stream().mapToDouble(Double::doubleValue).sum();
        values.add(
            switch (plan.aggregates().get(i).kind()) {
              case COUNT_SUBJECTS -> (double) n;
              case SUM -> sum;
              case AVG -> vs.isEmpty() ? null : sum / vs.size();
            });
      }
      rows.add(new ResultRow(e.getKey(), n, values));
    }
    return new AggregateResult(rows, suppressed);
  }

  private static List<List<Double>> emptyLists(int n) {
    List<List<Double>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }

  private Object value(AggregationPlan plan, List<Row> combo, ColumnRef ref) {
    Table t = tables.get(plan.inputs().get(ref.input()).table());
    return combo.get(ref.input()).values().get(t.index(ref.column()));
  }

  /** The inner join's rows for one token: every combination of its rows in each input. */
  private List<List<Row>> combinations(List<TableRef> inputs, String token) {
    List<List<Row>> out = new ArrayList<>();
    out.add(List.of());
    for (TableRef t : inputs) {
      List<List<Row>> next = new ArrayList<>();
      for (Row r : tables.get(t.table()).rows()) {
        if (r.token().equals(token)) {
          for (List<Row> prefix : out) {
            List<Row> combo = new ArrayList<>(prefix);
            combo.add(r);
            next.add(combo);
          }
        }
      }
      out = next;
    }
    return out;
  }

  @Override
  public void createTokenSet(String name, Iterator<byte[]> tokens) {
    Set<String> set = new LinkedHashSet<>();
    tokens.forEachRemaining(t -> set.add(HexFormat.of().formatHex(t)));
    tokenSets.put(name, set);
  }

  @Override
  public void dropTokenSet(String name) {
    tokenSets.remove(name);
  }

  @Override
  public void close() {}
}
