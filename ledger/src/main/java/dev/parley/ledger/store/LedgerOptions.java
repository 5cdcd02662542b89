package dev.parley.ledger.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a {@link LedgerStore}; built by {@link #builder(Path)}, which validates every field.
 *
 * @param ledgerDir {@code <data>/ledger}: holds {@code log/}, {@code log.key}, {@code log.vkey}
 * @param origin the checkpoint origin line and signing key name
 * @param clock the clock stamping entries
 * @param maxBatch the most entries integrated under one checkpoint (1-65,536)
 * @param observer receives per-batch figures
 * @param batchesInFlight the most batches between being taken from the queue and acknowledged
 *     (1-4): with more than one, the next batch is stamped, hashed and written while the previous
 *     one's checkpoint is committed
 * @param spareGrace how long a superseded tile file or checkpoint rests in {@code <ledger>/spare/}
 *     before its inode is reused for a new file (0-10 minutes; see {@code SpareInodes}): a reader
 *     that opened it under its old name and reads within this time still sees its old bytes
 */
public record LedgerOptions(
    Path ledgerDir,
    String origin,
    Clock clock,
    int maxBatch,
    BatchObserver observer,
    int batchesInFlight,
    Duration spareGrace) {

  /** The default origin of an embedded deployment. */
  public static final String DEFAULT_ORIGIN = "parley.local/ledger";

  /**
   * Starts a builder with defaults: origin {@value #DEFAULT_ORIGIN}, UTC system clock, batches of
   * up to 4,096 entries, no observer, one batch in flight, spares rested for 2 seconds.
   *
   * @param ledgerDir the ledger directory
   * @return the builder
   */
  public static Builder builder(Path ledgerDir) {
    return new Builder(ledgerDir);
  }

  /** A validating builder. */
  public static final class Builder {
    private final Path ledgerDir;
    private String origin = DEFAULT_ORIGIN;
    private Clock clock = Clock.systemUTC();
    private int maxBatch = 4096;
    private BatchObserver observer = BatchObserver.NONE;
    private int batchesInFlight = 1;
    private Duration spareGrace = Duration.ofSeconds(2);

    private Builder(Path ledgerDir) {
      this.ledgerDir = Objects.requireNonNull(ledgerDir, "ledgerDir");
    }

    /**
     * Sets the origin (also the key name): printable ASCII, no spaces or {@code +}.
     *
     * @param value the origin
     * @return this builder
     */
    public Builder origin(String value) {
      this.origin = value;
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the largest batch.
     *
     * @param value 1-65536
     * @return this builder
     */
    public Builder maxBatch(int value) {
      this.maxBatch = value;
      return this;
    }

    /**
     * Sets the batch observer.
     *
     * @param value the observer
     * @return this builder
     */
    public Builder observer(BatchObserver value) {
      this.observer = Objects.requireNonNull(value, "observer");
      return this;
    }

    /**
     * Sets how many batches may be in flight at once (default 1). More overlap one batch's disk
     * writes with the next one's, but make batches smaller when writers wait for their
     * acknowledgements, and each batch creates files; measure with {@code parley bench ledger}.
     *
     * @param value 1-4
     * @return this builder
     */
    public Builder batchesInFlight(int value) {
      this.batchesInFlight = value;
      return this;
    }

    /**
     * Sets how long a superseded file rests before its inode is reused (default 2 seconds).
     *
     * @param value 0 to 10 minutes
     * @return this builder
     */
    public Builder spareGrace(Duration value) {
      this.spareGrace = Objects.requireNonNull(value, "spareGrace");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     * @throws IllegalArgumentException naming the bad field
     */
    public LedgerOptions build() {
      if (origin == null || !origin.matches("[!-*,-~]{1,255}")) {
        throw new IllegalArgumentException(
            "origin: must be 1-255 printable ASCII characters without space or '+', got '"
                + origin
                + "'");
      }
      if (maxBatch < 1 || maxBatch > 65_536) {
        throw new IllegalArgumentException("maxBatch: must be 1-65536, got " + maxBatch);
      }
      if (batchesInFlight < 1 || batchesInFlight > 4) {
        throw new IllegalArgumentException("batchesInFlight: must be 1-4, got " + batchesInFlight);
      }
      if (spareGrace.isNegative() || spareGrace.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "spareGrace: must be 0 to 10 minutes, got " + spareGrace);
      }
      return new LedgerOptions(
          ledgerDir, origin, clock, maxBatch, observer, batchesInFlight, spareGrace);
    }
  }
}
