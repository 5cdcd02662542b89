package dev.parley.consent.audit;

import dev.parley.consent.store.ConsentStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * The auditors' read-only SPARQL service over the consent graph: SELECT and ASK only, bounded in
 * time and result rows, with no access to anything but the consent graph.
 *
 * <p>The query runs over a dataset whose only (default) graph is a read-only view of the consent
 * graph, so neither {@code GRAPH} nor updates can reach anything else; queries with {@code FROM} /
 * {@code FROM NAMED} (which would load other graphs) or {@code SERVICE} (which would reach the
 * network) are refused. Subjects appear only as salted commitments, the same values auditors see on
 * the ledger.
 */
public final class AuditQueries {
  /** The most rows a query may return. */
  public static final int MAX_ROWS = 10_000;

  /** The longest a query may run. */
  public static final Duration MAX_TIME = Duration.ofSeconds(10);

  /** The most VALUES blocks a query may contain. */
  public static final int MAX_VALUES_BLOCKS = 2;

  /** The most VALUES rows a query may contain in all. */
  public static final int MAX_VALUES_ROWS = 200;

  private final ConsentStore store;

  /**
   * Creates the service.
   *
   * @param store the consent store
   */
  public AuditQueries(ConsentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * The answer to a query.
   *
   * @param json SPARQL 1.1 Query Results JSON
   * @param truncated whether rows were cut at the limit
   */
  public record Answer(String json, boolean truncated) {}

  /**
   * Runs a query.
   *
   * @param sparql the query text
   * @param maxRows the row limit, at most {@link #MAX_ROWS}
   * @param timeout the time limit, at most {@link #MAX_TIME}
   * @return the results
   * @throws IllegalArgumentException if the query is malformed or not allowed, or the limits are
   *     out of range
   * @throws AuditQueryTimeoutException if the query ran out of time
   */
  public Answer query(String sparql, int maxRows, Duration timeout) {
    if (maxRows < 1 || maxRows > MAX_ROWS) {
      throw new IllegalArgumentException("maxRows: must be 1-" + MAX_ROWS + ", got " + maxRows);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIME) > 0) {
      throw new IllegalArgumentException("timeout: must be positive and at most " + MAX_TIME);
    }
    Query q = parse(sparql);
    boolean select = q.isSelectType();
    if (select && (!q.hasLimit() || q.getLimit() > maxRows)) {
      q.setLimit(maxRows + 1L);
    }
    return store.readConsentGraph(
        g -> {
          try (QueryExec exec =
              QueryExec.newBuilder()
                  .query(q)
                  .dataset(DatasetGraphFactory.wrap(g))
                  .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                  .set(ARQ.httpServiceAllowed, false)
                  .build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (select) {
              RowSet rows = exec.select();
              List<Binding> kept = new ArrayList<>();
              while (rows.hasNext() && kept.size() < maxRows) {
                kept.add(rows.next());
              }
              boolean truncated = rows.hasNext();
              ResultSetFormatter.outputAsJSON(
                  out, ResultSet.adapt(RowSetStream.create(rows.getResultVars(), kept.iterator())));
              return new Answer(out.toString(StandardCharsets.UTF_8), truncated);
            }
            ResultSetFormatter.outputAsJSON(out, exec.ask());
            return new Answer(out.toString(StandardCharsets.UTF_8), false);
          } catch (QueryCancelledException e) {
            throw new AuditQueryTimeoutException("query exceeded " + timeout.toMillis() + " ms", e);
          }
        });
  }

  private static Query parse(String sparql) {
    Query q;
    try {
      q = QueryFactory.create(Objects.requireNonNull(sparql, "query"));
    } catch (QueryParseException e) {
      throw new IllegalArgumentException(
          "query: line " + e.getLine() + ", column " + e.getColumn() + ": " + e.getMessage(), e);
    }
    if (!q.isSelectType() && !q.isAskType()) {
      throw new IllegalArgumentException("query: only SELECT and ASK are allowed");
    }
    if (q.hasDatasetDescription()) {
      throw new IllegalArgumentException("query: FROM and FROM NAMED are not allowed");
    }
    if (usesService(q)) {
      throw new IllegalArgumentException("query: SERVICE is not allowed");
    }
    long[] values = {q.hasValues() ? q.getValuesData().size() : 0, q.hasValues() ? 1 : 0};
    countValues(q, values);
    if (values[1] > MAX_VALUES_BLOCKS || values[0] > MAX_VALUES_ROWS) {
      // Jena joins VALUES tables in memory and checks for cancellation only between steps, so the
      // time limit alone cannot bound a query built from many of them.
      throw new IllegalArgumentException(
          "query: at most "
              + MAX_VALUES_BLOCKS
              + " VALUES blocks with "
              + MAX_VALUES_ROWS
              + " rows in all are allowed, got "
              + values[1]
              + " blocks with "
              + values[0]
              + " rows");
    }
    return q;
  }

  private static void countValues(Query q, long[] acc) {
    if (q.getQueryPattern() == null) {
      return;
    }
    ElementWalker.walk(
        q.getQueryPattern(),
        new ElementVisitorBase() {
          @Override
          public void visit(ElementData el) {
            acc[0] += el.getRows().size();
            acc[1]++;
          }

          @Override
          public void visit(ElementSubQuery el) {
            Query sub = el.getQuery();
            if (sub.hasValues()) {
              acc[0] += sub.getValuesData().size();
              acc[1]++;
            }
            countValues(sub, acc);
          }
        });
  }

  private static boolean usesService(Query q) {
    if (q.getQueryPattern() == null) {
      return false;
    }
    boolean[] found = {false};
    ElementWalker.walk(
        q.getQueryPattern(),
        new ElementVisitorBase() {
          @Override
          public void visit(ElementService el) {
            found[0] = true;
          }

          @Override
          public void visit(ElementSubQuery el) {
            found[0] |= usesService(el.getQuery());
          }
        });
    return found[0];
  }
}
