package dev.parley.ledger.store;

import dev.parley.ledger.audit.LogVerifier;
import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.io.SpareInodes;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.layout.TileState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Parley's durable ledger: a C2SP tiled transparency log in {@code <ledger>/log/} with a single
 * sequencer that integrates appends in batches (group commit).
 *
 * <p>Life of an append (see {@code docs/ledger.md}): the caller's body is validated, serialized
 * canonically and queued; the sequencer takes everything queued (up to {@code maxBatch}), stamps
 * each entry with the time and the previous chain hash, computes leaf hashes and tiles in memory
 * and signs the new checkpoint. It then starts round 1 of the batch's durable write through {@link
 * DurableFiles#prepare} (every new entry bundle and tile created under its final name, written and
 * forced with its directory; the checkpoint written and forced to a temp file) and, if {@link
 * LedgerOptions#batchesInFlight()} allows, moves on to the next batch. The committer thread takes
 * batches strictly in order, waits for a batch's round 1, renames its checkpoint into place and
 * forces the log directory; then, and only then, the batch's appends are acknowledged. A crash at
 * any point leaves the last durable checkpoint intact; files written beyond it were never
 * acknowledged and are removed at the next start. Superseded checkpoints and partial tiles become
 * spares in {@code <ledger>/spare/} whose inodes later files reuse ({@link SpareInodes}).
 *
 * <p>On start the whole log is verified against the checkpoint with {@link LogVerifier} (the
 * auditor's own algorithm). A torn, truncated, altered or missing file puts the store in the failed
 * state: it still serves reads, reports the problem (path and entry range) through {@link
 * #failure()}, and refuses appends until an operator restores the file.
 */
public final class LedgerStore implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LedgerStore.class.getName());

  /** Tells the committer that the sequencer has stopped. */
  private static final Batch END = new Batch(List.of(), null, null, 0);

  /**
   * Threads that create, write and force a batch's files in parallel, so the file system can merge
   * their flushes.
   */
  public static final int FSYNC_THREADS = 8;

  /** Batches at least this large are acknowledged from two threads. */
  private static final int PARALLEL_ACK_MIN = 16;

  private final Path logDir;
  private final LedgerKeys keys;
  private final Clock clock;
  private final int maxBatch;
  private final BatchObserver observer;
  private final BlockingQueue<QueuedAppend> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<Batch> commits = new LinkedBlockingQueue<>();

  /**
   * Pipeline slots ({@link LedgerOptions#batchesInFlight()}): taken by the sequencer before it
   * takes a batch, so that the batch holds everything queued meanwhile; returned by the committer.
   */
  private final Semaphore inFlight;

  private final ExecutorService fsyncPool;
  private final ExecutorService tidy;
  private final SpareInodes spares;
  private final Thread sequencer;
  private final Thread committer;
  private final TileReader reader;
  private DirectoryLock lock;

  private volatile Published latest;
  private volatile String failure;
  private volatile boolean closing;

  /** Sequencer-owned: the log's right edge. */
  private final BatchBuilder builder;

  /** The newest durable signed checkpoint. */
  @SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
  public record Published(Checkpoint checkpoint, byte[] note) {}

  /** A batch whose files are in round 1 and whose checkpoint awaits its turn to be committed. */
  private record Batch(
      List<QueuedAppend> appends,
      BatchBuilder.Built built,
      DurableFiles.Prepared files,
      long started) {}

  private LedgerStore(
      Path logDir,
      LedgerKeys keys,
      LedgerOptions options,
      Published latest,
      TileState tiles,
      byte[] chain,
      List<byte[]> bundle,
      String failure,
      SpareInodes spares) {
    this.logDir = logDir;
    this.spares = spares;
    this.keys = keys;
    this.clock = options.clock();
    this.maxBatch = options.maxBatch();
    this.observer = options.observer();
    this.inFlight = new Semaphore(options.batchesInFlight());
    this.latest = latest;
    this.builder = new BatchBuilder(logDir, keys, tiles, chain, bundle);
    this.failure = failure;
    this.reader = new TileReader(logDir, () -> this.latest.checkpoint().size());
    this.fsyncPool =
        Executors.newFixedThreadPool(
            FSYNC_THREADS, Thread.ofPlatform().daemon().name("ledger-fsync-", 0).factory());
    this.tidy =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("ledger-tidy").factory());
    this.sequencer = Thread.ofPlatform().name("ledger-sequencer").unstarted(this::runSequencer);
    this.committer = Thread.ofPlatform().name("ledger-committer").unstarted(this::runCommitter);
  }

  /**
   * Opens (or creates) the ledger under {@code ledgerDir}, verifying every file against the last
   * checkpoint.
   *
   * @param options where and how
   * @return the store, open or failed
   * @throws IOException if the directory or the keys cannot be created or read, or another process
   *     holds the ledger directory's lock
   */
  public static LedgerStore open(LedgerOptions options) throws IOException {
    Files.createDirectories(options.ledgerDir().resolve("log"));
    DirectoryLock lock = DirectoryLock.acquire(options.ledgerDir());
    try {
      return openLocked(options, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static LedgerStore openLocked(LedgerOptions options, DirectoryLock lock)
      throws IOException {
    Path ledgerDir = options.ledgerDir();
    String origin = options.origin();
    Path logDir = ledgerDir.resolve("log");
    LedgerKeys keys = LedgerKeys.loadOrCreate(ledgerDir, origin);
    LogRecovery.Recovered found = LogRecovery.recover(logDir, keys, origin);
    Published latest = found.latest;
    TileState tiles = found.tiles;
    byte[] chain = found.chain;
    List<byte[]> bundle = found.bundle;
    String failure = found.failure;
    if (failure != null) {
      LOG.log(Level.SEVERE, "ledger refuses appends: {0}", failure);
    }
    SpareInodes spares =
        SpareInodes.open(ledgerDir.resolve("spare"), options.spareGrace(), System::nanoTime);
    LedgerStore store =
        new LedgerStore(logDir, keys, options, latest, tiles, chain, bundle, failure, spares);
    store.lock = lock;
    store.committer.start();
    store.sequencer.start();
    return store;
  }

  /**
   * Queues an entry. The future completes once the entry, its tiles and a signed checkpoint
   * covering it are durable, or fails with {@link LedgerUnavailableException}.
   *
   * @param type the entry type
   * @param body a body valid for {@code type}
   * @return the acknowledgement
   * @throws IllegalArgumentException naming the body field that is invalid, or if the entry would
   *     exceed 65,535 bytes; nothing is queued
   * @throws LedgerUnavailableException if the store is failed or closing
   */
  public CompletableFuture<Appended> append(EntryType type, JsonObject body) {
    List<String> problems = type.validate(body);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    byte[] canonicalBody = body.canonicalBytes();
    int size = LedgerEntry.encodedSize(type, canonicalBody.length);
    if (size > LedgerEntry.MAX_BYTES) {
      throw new IllegalArgumentException(
          "entry: " + size + " bytes exceeds " + LedgerEntry.MAX_BYTES);
    }
    String why = failure;
    if (why != null) {
      throw new LedgerUnavailableException("ledger refuses appends: " + why);
    }
    if (closing) {
      throw new LedgerUnavailableException("ledger is closing");
    }
    // Hash the body on the caller's thread: the sequencer is the log's one serial stage.
    QueuedAppend p =
        new QueuedAppend(
            type,
            canonicalBody,
            LedgerEntry.startLeafHash(canonicalBody),
            new CompletableFuture<>());
    queue.add(p);
    return p.result();
  }

  /**
   * Returns why the store refuses appends, if it does.
   *
   * @return the problem (file path and entry range), or empty when healthy
   */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns the newest durable signed checkpoint.
   *
   * @return the checkpoint and its note
   */
  public Published latest() {
    return latest;
  }

  /**
   * Returns the log directory (a C2SP tlog-tiles tree).
   *
   * @return {@code <ledger>/log}
   */
  public Path logDir() {
    return logDir;
  }

  /**
   * Returns the verifier key in note vkey format.
   *
   * @return {@code <name>+<hex id>+<base64 key>}
   */
  public String verifierKey() {
    return keys.verifierKeyText();
  }

  /**
   * Returns the reader of entries, tiles and proofs over this log.
   *
   * @return the reader
   */
  public TileReader reader() {
    return reader;
  }

  private void runSequencer() {
    try {
      sequence();
    } finally {
      commits.add(END); // the committer must learn that no batch follows
    }
  }

  private void sequence() {
    List<QueuedAppend> batch = new ArrayList<>(maxBatch);
    while (true) {
      try {
        // Wait for a pipeline slot first, so that the batch takes everything queued meanwhile.
        inFlight.acquire();
        QueuedAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          inFlight.release();
          if (closing && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        if (failure != null) {
          inFlight.release();
          failAll(batch, new LedgerUnavailableException("ledger refuses appends: " + failure));
        } else {
          Batch prepared;
          try {
            prepared = prepare(List.copyOf(batch));
          } catch (IOException | RuntimeException e) {
            inFlight.release();
            throw e;
          }
          commits.add(prepared); // the committer releases its slot
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failAll(batch, new LedgerUnavailableException("ledger sequencer interrupted"));
        return;
      } catch (IOException | RuntimeException e) {
        fail(batch, e);
      }
      batch.clear();
    }
  }

  private void runCommitter() {
    while (true) {
      Batch b;
      try {
        b = commits.take();
      } catch (InterruptedException e) {
        // close() waits for the sequencer's END; never abandon a prepared batch
        continue;
      }
      if (b.files() == null) { // END
        return;
      }
      try {
        if (commit(b)) {
          acknowledge(b);
        }
      } catch (IOException | RuntimeException e) {
        fail(b.appends(), e);
      } finally {
        inFlight.release();
      }
    }
  }

  private void fail(List<QueuedAppend> batch, Exception e) {
    synchronized (this) {
      if (failure == null) {
        failure =
            "write failed ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + "); restart to recover";
        LOG.log(Level.SEVERE, "ledger write failed; refusing appends until restart", e);
      }
    }
    failAll(batch, new LedgerUnavailableException(failure, e));
  }

  /**
   * Sequencer stage: stamps, hashes and signs a batch, then starts round 1 of its durable write
   * (new tiles and bundles, the checkpoint's temp file) and returns without waiting for it.
   */
  private Batch prepare(List<QueuedAppend> batch) throws IOException {
    long started = System.nanoTime();
    BatchBuilder.Built built = builder.build(batch, clock.instant());
    DurableFiles.Prepared files =
        DurableFiles.prepare(
            built.files(),
            built.checkpoint(),
            fsyncPool,
            ".tmp-checkpoint-" + built.published().checkpoint().size(),
            spares);
    return new Batch(batch, built, files, started);
  }

  /**
   * Committer stage, strictly in batch order: waits until the batch's files are durable, renames
   * its checkpoint into place and forces the log directory, and publishes the checkpoint.
   *
   * @return whether the batch is durable (false if an earlier batch failed; its appends are failed)
   */
  private boolean commit(Batch b) throws IOException {
    if (failure != null) {
      // An earlier batch failed: this one's checkpoint would cover entries that are not durable.
      failAll(b.appends(), new LedgerUnavailableException("ledger refuses appends: " + failure));
      return false;
    }
    b.files().commit();
    latest = b.built().published();
    return true;
  }

  /**
   * Completes every append of a durable batch before the batch's pipeline slot is returned, so that
   * the next batch takes the writers woken here (measured: returning the slot first halves the
   * batches of synchronous writers, and their throughput).
   */
  private void acknowledge(Batch b) {
    int n = b.appends().size();
    // Waking a writer is a system call (and, in a VM, an interrupt to another processor): the first
    // half of the batch is woken from the fsync pool, idle now, while this thread wakes the second
    // half, and the next batch waits for both.
    int split = n >= PARALLEL_ACK_MIN ? n / 2 : 0;
    Future<?> helper = split > 0 ? fsyncPool.submit(() -> complete(b, 0, split)) : null;
    complete(b, split, n);
    if (helper != null) {
      awaitUninterruptibly(helper);
    }
    observer.onBatch(
        new BatchObserver.Report(
            n,
            b.built().entryBytes(),
            System.nanoTime() - b.started(),
            b.built().files(),
            b.built().checkpoint()));
    if (!b.built().obsoletePartials().isEmpty()) {
      // off the commit path: renames and unlinks can wait for the file system
      tidy.execute(() -> recyclePartials(b.built().obsoletePartials()));
    }
  }

  /**
   * Completes the appends [from, to) of a durable batch, last to first: a writer usually waits for
   * its appends in the order it made them, so when the one it waits for completes, its later ones
   * already have and it is woken once, not once per append (first to last took over a quarter of
   * the committer's time at 900-entry batches, measured with a wall-clock profiler).
   */
  private static void complete(Batch b, int from, int to) {
    Published published = b.built().published();
    List<QueuedAppend> batch = b.appends();
    for (int i = to - 1; i >= from; i--) {
      batch
          .get(i)
          .result()
          .complete(
              new Appended(
                  b.built().firstIndex() + i,
                  b.built().encoded().get(i),
                  published.checkpoint(),
                  published.note()));
    }
  }

  private static void awaitUninterruptibly(Future<?> f) {
    boolean interrupted = false;
    while (true) {
      try {
        f.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        throw new IllegalStateException("acknowledging failed", e.getCause());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Removes partial tiles whose full tile is now durable and covered by a checkpoint, as C2SP
   * tlog-tiles allows: "MAY delete any partial tile once the corresponding full tile is ...
   * available". Their files and directories become spares ({@link SpareInodes}) rather than being
   * freed. Nothing is forced: a partial tile that reappears after a crash is still correct and
   * merely redundant.
   */
  private void recyclePartials(List<String> partialDirs) {
    for (String dir : partialDirs) {
      Path p = logDir.resolve(dir);
      if (!Files.isDirectory(p)) {
        continue;
      }
      try (Stream<Path> files = Files.list(p)) {
        for (Path f : files.toList()) {
          spares.adopt(f);
        }
        spares.adoptDirectory(p);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove obsolete partial tiles in {0}", p);
      }
    }
  }

  private static void failAll(List<QueuedAppend> batch, RuntimeException e) {
    for (QueuedAppend p : batch) {
      p.result().completeExceptionally(e);
    }
  }

  /**
   * Stops accepting appends, integrates what is already queued, and stops the sequencer. Appends
   * still queued after the sequencer stops fail with {@link LedgerUnavailableException}.
   */
  @Override
  public void close() {
    closing = true;
    try {
      sequencer.join(TimeUnit.SECONDS.toMillis(30));
      committer.join(TimeUnit.SECONDS.toMillis(30));
      tidy.shutdown();
      tidy.awaitTermination(10, TimeUnit.SECONDS);
      fsyncPool.shutdown();
      fsyncPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<QueuedAppend> left = new ArrayList<>();
    queue.drainTo(left);
    failAll(left, new LedgerUnavailableException("ledger closed"));
    if (!sequencer.isAlive() && !committer.isAlive()) {
      keys.destroy();
      try {
        lock.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not release the ledger directory lock", e);
      }
    }
  }
}
