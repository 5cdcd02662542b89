package dev.parley.cleanroom.engine;

import java.util.Iterator;
import java.util.List;

/**
 * An embedded or distributed SQL engine that runs aggregation plans over token-keyed tables.
 *
 * <p>Tokens go in (tables, token sets) and only aggregates come out: no operation returns a token.
 */
public interface AnalyticEngine extends AutoCloseable {
  /**
   * Starts a new table, invisible to readers until TableWriter.commit(). Token column is implicit.
   */
  TableWriter createTable(String table, List<ColumnDef> columns);

  /** Runs {@code plan} with the semantics documented on {@link AggregationPlan}. */
  AggregateResult aggregate(AggregationPlan plan);

  /** Creates or replaces a named token set (usable as subjectFilter). */
  void createTokenSet(String name, Iterator<byte[]> tokens);

  /** Drops a named token set; does nothing if it does not exist. */
  void dropTokenSet(String name);

  /** Releases the engine's resources. */
  @Override
  void close();
}
