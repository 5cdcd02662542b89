package dev.parley.cleanroom.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A naive reference {@link AnalyticEngine} over plain Java collections, for differential tests.
 *
 * <p>It follows the contract on {@link AggregationPlan} literally: nested-loop join of every input
 * row combination, then filter, cap, group and threshold, with DuckDbEngine's documented choices
 * (group values rendered as strings, strings ordered by code point, NULLS LAST, the group cap's
 * order by {@code sha256} of {@code hex(token) || '|' || ('v' || utf8len || ':' || s | 'n')...}).
 */
public final class InMemoryEngine implements AnalyticEngine {
  @SuppressWarnings("ArrayRecordComponent") // stored rows, never compared
  private record Row(byte[] token, Object[] values) {}

  private record Table(List<ColumnDef> columns, List<Row> rows) {}

  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> tokenSets = new ConcurrentHashMap<>();

  @Override
  public TableWriter createTable(String table, List<ColumnDef> columns) {
    EngineNames.requireTable("table", table);
    List<ColumnDef> defs = List.copyOf(columns);
    List<Row> rows = new ArrayList<>();
    return new TableWriter() {
      private boolean done;

      @Override
      public void append(byte[] token, Object[] values) {
        if (done || token.length != 64 || values.length != defs.size()) {
          throw new IllegalArgumentException("bad append");
        }
        rows.add(new Row(token.clone(), values.clone()));
      }

      @Override
      public long commit() {
        if (tables.putIfAbsent(table, new Table(defs, List.copyOf(rows))) != null) {
          throw new EngineConflictException("table " + table + " already exists");
        }
        done = true;
        return rows.size();
      }

      @Override
      public void close() {
        done = true;
      }
    };
  }

  @Override
  public AggregateResult aggregate(AggregationPlan plan) {
    List<Table> inputs = new ArrayList<>();
    for (TableRef ref : plan.inputs()) {
      Table t = tables.get(ref.table());
      if (t == null) {
        throw new IllegalArgumentException("inputs: no published table " + ref.table());
      }
      inputs.add(t);
    }
    // 1. Join: every combination of rows with equal tokens.
    List<Row[]> joined = new ArrayList<>();
    for (Row first : inputs.get(0).rows()) {
      List<Row[]> partial = new ArrayList<>();
      Row[] start = new Row[inputs.size()];
      start[0] = first;
      partial.add(start);
      for (int i = 1; i < inputs.size(); i++) {
        List<Row[]> next = new ArrayList<>();
        for (Row[] p : partial) {
          for (Row r : inputs.get(i).rows()) {
            if (Arrays.equals(r.token(), first.token())) {
              Row[] copy = p.clone();
              copy[i] = r;
              next.add(copy);
            }
          }
        }
        partial = next;
      }
      joined.addAll(partial);
    }
    // 2. Subject filter.
    if (plan.subjectFilter().isPresent()) {
      Set<String> set = tokenSets.get(plan.subjectFilter().get());
      if (set == null) {
        throw new IllegalArgumentException("subjectFilter: no token set");
      }
      joined.removeIf(r -> !set.contains(hex(r[0].token())));
    }
    // 3. Group keys.
    List<ColumnType> types = new ArrayList<>();
    for (ColumnRef g : plan.groupBy()) {
      types.add(column(inputs, g).type());
    }
    IdentityHashMap<Row[], List<Object>> keys = new IdentityHashMap<>();
    for (Row[] r : joined) {
      List<Object> key = new ArrayList<>();
      for (ColumnRef g : plan.groupBy()) {
        key.add(value(inputs, r, g));
      }
      keys.put(r, key);
    }
    // 4. Cap groups per subject.
    if (plan.maxGroupsPerSubject() > 0) {
      Map<String, Set<String>> hashesByToken = new HashMap<>();
      for (Row[] r : joined) {
        hashesByToken
            .computeIfAbsent(hex(r[0].token()), t -> new HashSet<>())
            .add(capHash(r[0].token(), keys.get(r)));
      }
      Map<String, Set<String>> kept = new HashMap<>();
      hashesByToken.forEach(
          (t, hs) ->
              kept.put(
                  t,
                  new HashSet<>(hs.stream().sorted().limit(plan.maxGroupsPerSubject()).toList())));
      joined.removeIf(
          r -> !kept.get(hex(r[0].token())).contains(capHash(r[0].token(), keys.get(r))));
    }
    // 5. Group and aggregate.
    Map<List<Object>, List<Row[]>> groups = new TreeMap<>(groupOrder(types));
    if (plan.groupBy().isEmpty()) {
      groups.put(List.of(), new ArrayList<>());
    }
    for (Row[] r : joined) {
      groups.computeIfAbsent(keys.get(r), k -> new ArrayList<>()).add(r);
    }
    List<ResultRow> out = new ArrayList<>();
    long suppressed = 0;
    for (Map.Entry<List<Object>, List<Row[]>> e : groups.entrySet()) {
      Set<String> subjects = new HashSet<>();
      e.getValue().forEach(r -> subjects.add(hex(r[0].token())));
      if (subjects.size() < plan.minSubjects()) {
        suppressed++;
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (Aggregate a : plan.aggregates()) {
        if (a.kind() == AggregateKind.COUNT_SUBJECTS) {
          values.add((double) subjects.size());
          continue;
        }
        double sum = 0;
        long count = 0;
        if (plan.maxGroupsPerSubject() > 0) {
          // Per-subject bounding: sum each subject's values in the group, then clamp the total.
          Map<String, Double> totals = new TreeMap<>();
          for (Row[] r : e.getValue()) {
            Object v = value(inputs, r, a.column().orElseThrow());
            if (v != null) {
              double x = v instanceof Long l ? l.doubleValue() : (Double) v;
              totals.merge(hex(r[0].token()), x, Double::sum);
            }
          }
          for (double t : totals.values()) {
            sum += Math.min(Math.max(t, a.lower()), a.upper());
            count++;
          }
        } else {
          for (Row[] r : e.getValue()) {
            Object v = value(inputs, r, a.column().orElseThrow());
            if (v != null) {
              double x = v instanceof Long l ? l.doubleValue() : (Double) v;
              sum += Math.min(Math.max(x, a.lower()), a.upper());
              count++;
            }
          }
        }
        values.add(
            a.kind() == AggregateKind.SUM ? Double.valueOf(sum) : count == 0 ? null : sum / count);
      }
      List<String> group = new ArrayList<>();
      e.getKey().forEach(v -> group.add(v == null ? null : v.toString()));
      out.add(new ResultRow(group, subjects.size(), values));
    }
    return new AggregateResult(out, suppressed);
  }

  private static Comparator<List<Object>> groupOrder(List<ColumnType> types) {
    return (a, b) -> {
      for (int i = 0; i < types.size(); i++) {
        Object x = a.get(i);
        Object y = b.get(i);
        if (x == null || y == null) {
          if (x != y) {
            return x == null ? 1 : -1;
          }
          continue;
        }
        int c =
            switch (x) {
              case String s -> compareCodePoints(s, (String) y);
              case Long l -> Long.compare(l, (Long) y);
              case LocalDate d -> d.compareTo((LocalDate) y);
              default -> throw new IllegalStateException("unexpected group value");
            };
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static int compareCodePoints(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static ColumnDef column(List<Table> inputs, ColumnRef ref) {
    for (ColumnDef c : inputs.get(ref.input()).columns()) {
      if (c.name().equals(ref.column())) {
        return c;
      }
    }
    throw new IllegalArgumentException("no column " + ref.column());
  }

  private static Object value(List<Table> inputs, Row[] row, ColumnRef ref) {
    List<ColumnDef> cols = inputs.get(ref.input()).columns();
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals(ref.column())) {
        return row[ref.input()].values()[i];
      }
    }
    throw new IllegalArgumentException("no column " + ref.column());
  }

  /** sha256(HEX(token) || for each group value: '|' || ('v' || utf8 length || ':' || s | 'n')). */
  static String capHash(byte[] token, List<Object> group) {
    StringBuilder s = new StringBuilder(HexFormat.of().withUpperCase().formatHex(token));
    for (Object v : group) {
      s.append('|');
      if (v == null) {
        s.append('n');
      } else {
        String text = v.toString();
        s.append('v').append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text);
      }
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] token) {
    return HexFormat.of().formatHex(token);
  }

  @Override
  public void createTokenSet(String name, Iterator<byte[]> tokens) {
    Set<String> set = new HashSet<>();
    tokens.forEachRemaining(t -> set.add(hex(t)));
    tokenSets.put(name, set);
  }

  @Override
  public void dropTokenSet(String name) {
    tokenSets.remove(name);
  }

  @Override
  public void close() {}
}
