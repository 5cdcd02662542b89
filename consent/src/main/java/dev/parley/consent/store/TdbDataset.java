package dev.parley.consent.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The consent store's TDB2 dataset with its single-writer discipline: every change runs under one
 * lock ({@link #exclusive}) so that ledger order is store order, reads run in TDB2 read
 * transactions, and nothing runs once the dataset is closed.
 */
final class TdbDataset {
  private final Dataset dataset;
  private final DatasetGraph dsg;
  private final ReentrantLock writer = new ReentrantLock();
  private volatile boolean closed;

  private TdbDataset(Dataset dataset) {
    this.dataset = dataset;
    this.dsg = dataset.asDatasetGraph();
  }

  /**
   * Connects to (or creates) a TDB2 dataset.
   *
   * @param dir the dataset directory
   * @return the dataset
   */
  static TdbDataset connect(Path dir) {
    return new TdbDataset(TDB2Factory.connectDataset(dir.toString()));
  }

  /** The dataset graph, for callers inside a transaction. */
  DatasetGraph graph() {
    return dsg;
  }

  /** Runs {@code work} under the writer lock, failing if the dataset is closed. */
  <T> T exclusive(Supplier<T> work) {
    writer.lock();
    try {
      ensureOpen();
      return work.get();
    } finally {
      writer.unlock();
    }
  }

  /** Runs {@code work} under the writer lock, failing if the dataset is closed. */
  void exclusively(Runnable work) {
    exclusive(
        () -> {
          work.run();
          return null;
        });
  }

  /** Runs {@code work} in a read transaction, failing if the dataset is closed. */
  <T> T read(Supplier<T> work) {
    ensureOpen();
    return Txn.calculateRead(dataset, work);
  }

  /** Runs {@code work} in a write transaction; the caller holds the writer lock. */
  <T> T write(Supplier<T> work) {
    return Txn.calculateWrite(dataset, work);
  }

  /** Adds every triple of a graph in one write transaction; the caller holds the writer lock. */
  void addAll(Graph g) {
    Txn.executeWrite(dataset, () -> g.find().forEachRemaining(this::add));
  }

  /** Adds one triple to the consent graph; the caller is inside a write transaction. */
  void add(Triple t) {
    dsg.add(Vocab.CONSENT_GRAPH, t.getSubject(), t.getPredicate(), t.getObject());
  }

  /** Replaces every triple about {@code s}; the caller holds the writer lock. */
  void replace(Node s, Iterable<Triple> triples) {
    Txn.executeWrite(
        dataset,
        () -> {
          dsg.deleteAny(Vocab.CONSENT_GRAPH, s, Node.ANY, Node.ANY);
          triples.forEach(this::add);
        });
  }

  /** Compacts the dataset, dropping deleted triples from its files. */
  void compact() {
    exclusively(() -> DatabaseMgr.compact(dsg, true));
  }

  /** Fails if the dataset is closed. */
  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("consent store is closed");
    }
  }

  /**
   * Closes the dataset once, after {@code first} (which runs under the writer lock, so no write is
   * in flight). Later calls do nothing.
   *
   * @param first what to close before the dataset
   * @throws IOException whatever {@code first} throws; the dataset is closed regardless
   */
  void close(Closeable first) throws IOException {
    writer.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        first.close();
      } finally {
        dataset.close();
        TDBInternal.expel(dsg);
      }
    } finally {
      writer.unlock();
    }
  }
}
