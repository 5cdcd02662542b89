package dev.parley.ledger.bench;

import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.store.BatchObserver;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code parley bench ledger}: append throughput and latency of the durable ledger, against a
 * plain-fsync baseline of the same batches measured in the same run, then auditor verification
 * speed over the log just written.
 *
 * <p>Writers are platform threads; each keeps {@code window} appends in flight (1 = strictly
 * synchronous). Latency is measured per append, from the call to its acknowledgement (entry, tiles
 * and signed checkpoint durable). The baseline replays the exact sequence of batch sizes the store
 * committed: for each, one {@code FileChannel.write} of that many bytes and one {@code
 * force(true)}.
 */
public final class LedgerBench {
  private LedgerBench() {}

  /**
   * Bench parameters.
   *
   * @param writers concurrent writer threads
   * @param window appends each writer keeps in flight
   * @param duration how long the measured writers append
   * @param entryBytes approximate entry size
   * @param warmup how long the same writers first append to a scratch ledger, which is then
   *     verified, so that the measurements run compiled code rather than the JIT compiler (zero for
   *     none)
   */
  public record Params(
      int writers, int window, Duration duration, int entryBytes, Duration warmup) {}

  /** Bench figures. */
  public record Result(
      long appends,
      double appendsPerS,
      double p50Ms,
      double p99Ms,
      double fsyncBaselinePerS,
      double floorPerS,
      double verifyPerS,
      double meanBatch) {
    /**
     * Returns appends_per_s / fsync_baseline_per_s.
     *
     * @return the ratio
     */
    public double ratio() {
      return appendsPerS / fsyncBaselinePerS;
    }

    /**
     * Returns floor_per_s / fsync_baseline_per_s: the highest {@link #ratio} the durability rule
     * allows on this disk for these batches ({@link ProtocolFloor}).
     *
     * @return the floor ratio
     */
    public double floorRatio() {
      return floorPerS / fsyncBaselinePerS;
    }

    /**
     * Returns the final {@code bench ledger:} line.
     *
     * @param p the parameters used
     * @return one line of key=value figures
     */
    public String line(Params p) {
      return String.format(
          java.util.Locale.ROOT,
          "bench ledger: appends_per_s=%.0f p50_ms=%.2f p99_ms=%.2f fsync_baseline_per_s=%.0f ratio=%.2f verify_per_s=%.0f floor_per_s=%.0f floor_ratio=%.2f appends=%d mean_batch=%.1f writers=%d window=%d entry_bytes=%d seconds=%d warmup_s=%d",
          appendsPerS,
          p50Ms,
          p99Ms,
          fsyncBaselinePerS,
          ratio(),
          verifyPerS,
          floorPerS,
          floorRatio(),
          appends,
          meanBatch,
          p.writers(),
          p.window(),
          p.entryBytes(),
          p.duration().toSeconds(),
          p.warmup().toSeconds());
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param ledgerDir an empty directory for the log ({@code log/}, {@code log.vkey})
   * @param p the parameters
   * @param progress where to print progress lines
   * @return the figures
   * @throws Exception if the store fails or verification finds a violation
   */
  public static Result run(Path ledgerDir, Params p, PrintStream progress) throws Exception {
    JsonObject body =
        JsonObject.builder().put("text", "x".repeat(Math.max(1, p.entryBytes() - 150))).build();
    Path warmupDir = ledgerDir.resolve("warmup");
    if (p.warmup().isPositive()) {
      progress.printf("warming up for %d s in a scratch ledger%n", p.warmup().toSeconds());
      appendFor(warmupDir, p, p.warmup(), body, BatchObserver.NONE);
      NoteVerifierKey warmupKey = vkey(warmupDir);
      // The verifier's hot loops need several passes before they run fully compiled (measured:
      // 280k, 515k, 742k, 842k entries/s over four passes of one 466k-entry log).
      long verifyUntil = System.nanoTime() + p.warmup().toNanos();
      do {
        LogAudit.verify(LogSource.directory(warmupDir.resolve("log")), warmupKey, null);
      } while (System.nanoTime() < verifyUntil);
    }
    List<ProtocolFloor.Batch> batches = new ArrayList<>();
    Appending run =
        appendFor(ledgerDir, p, p.duration(), body, r -> batches.add(ProtocolFloor.Batch.of(r)));
    long[][] latencies = run.latencies();
    double seconds = run.seconds();
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    long appends = all.length;
    progress.printf(
        "appended %d entries in %.1f s over %d batches%n", appends, seconds, batches.size());

    double baseline = fsyncBaseline(ledgerDir.resolve("baseline.bin"), batches);
    progress.printf("fsync baseline: %.0f entries/s%n", baseline);

    Path floorDir = ledgerDir.resolve("floor");
    double floor;
    try {
      floor = ProtocolFloor.replay(ledgerDir.resolve("log"), floorDir, batches);
    } finally {
      DurableFiles.deleteTree(floorDir);
    }
    progress.printf("file protocol alone (same batches): %.0f entries/s%n", floor);

    long v0 = System.nanoTime();
    LogAudit.Report report =
        LogAudit.verify(LogSource.directory(ledgerDir.resolve("log")), vkey(ledgerDir), null);
    double verifySeconds = (System.nanoTime() - v0) / 1e9;
    DurableFiles.deleteTree(warmupDir);
    if (report.checkpoint().size() != appends) {
      throw new LogIntegrityException(
          "checkpoint",
          "size " + report.checkpoint().size() + " but " + appends + " appends were acknowledged");
    }
    return new Result(
        appends,
        appends / seconds,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        baseline,
        floor,
        appends / verifySeconds,
        batches.isEmpty() ? 0 : (double) appends / batches.size());
  }

  /** Each writer's latencies, and the seconds from starting the writers to the last one's end. */
  @SuppressWarnings("ArrayRecordComponent") // a bench's private figures, never compared
  private record Appending(long[][] latencies, double seconds) {}

  /**
   * Appends from {@code p.writers()} threads to a ledger in {@code ledgerDir} for {@code d}, then
   * closes it.
   */
  private static Appending appendFor(
      Path ledgerDir, Params p, Duration d, JsonObject body, BatchObserver observer)
      throws Exception {
    LedgerStore store =
        LedgerStore.open(
            LedgerOptions.builder(ledgerDir)
                .origin("bench.parley.local/ledger")
                .observer(observer)
                .build());
    long started = System.nanoTime();
    long deadline = started + d.toNanos();
    long[][] latencies = new long[p.writers()][];
    Thread[] threads = new Thread[p.writers()];
    for (int w = 0; w < p.writers(); w++) {
      int id = w;
      threads[w] =
          Thread.ofPlatform()
              .name("bench-writer-" + w)
              .start(() -> latencies[id] = writer(store, body, p.window(), deadline));
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    store.close();
    if (store.failure().isPresent()) {
      throw new IllegalStateException("ledger failed during the bench: " + store.failure().get());
    }
    return new Appending(latencies, seconds);
  }

  private static NoteVerifierKey vkey(Path ledgerDir) throws IOException {
    return NoteVerifierKey.parse(
        Files.readString(ledgerDir.resolve("log.vkey"), StandardCharsets.UTF_8).trim());
  }

  private static long[] writer(LedgerStore store, JsonObject body, int window, long deadline) {
    long[] lat = new long[1 << 16];
    int n = 0;
    List<CompletableFuture<?>> inFlight = new ArrayList<>(window);
    long[] sent = new long[window];
    try {
      while (System.nanoTime() < deadline) {
        inFlight.clear();
        for (int i = 0; i < window; i++) {
          sent[i] = System.nanoTime();
          inFlight.add(store.append(EntryType.LEDGER_NOTE, body));
        }
        for (int i = 0; i < window; i++) {
          inFlight.get(i).get();
          if (n == lat.length) {
            lat = Arrays.copyOf(lat, n * 2);
          }
          lat[n++] = System.nanoTime() - sent[i];
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("append failed", e.getCause());
    }
    return Arrays.copyOf(lat, n);
  }

  private static double fsyncBaseline(Path file, List<ProtocolFloor.Batch> batches)
      throws IOException {
    long entries = 0;
    long maxBytes = 1;
    for (ProtocolFloor.Batch b : batches) {
      entries += b.entries();
      maxBytes = Math.max(maxBytes, b.entryBytes());
    }
    ByteBuffer buf = ByteBuffer.allocateDirect((int) maxBytes);
    long t0 = System.nanoTime();
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (ProtocolFloor.Batch b : batches) {
        buf.clear().limit((int) b.entryBytes());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return entries / ((System.nanoTime() - t0) / 1e9);
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
