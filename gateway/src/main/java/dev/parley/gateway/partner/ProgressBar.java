package dev.parley.gateway.partner;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal's standard error: share done, rows sent, upload speed and
 * the estimated time left, redrawn in place ({@code \r}) at most every {@value #EVERY_MILLIS} ms.
 * {@link #render} is pure, for tests.
 */
final class ProgressBar {
  static final long EVERY_MILLIS = 250;
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final LongSupplier nanos;
  private final long start;
  private long lastDraw = Long.MIN_VALUE;
  private int lastLength;

  ProgressBar(PrintWriter err, LongSupplier nanos) {
    this.err = err;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  /** Redraws if enough time passed since the last draw (or {@code force}). */
  void update(double fraction, long rows, long bytes, boolean force) {
    long now = nanos.getAsLong();
    if (!force && lastDraw != Long.MIN_VALUE && now - lastDraw < EVERY_MILLIS * 1_000_000) {
      return;
    }
    lastDraw = now;
    String line = render(fraction, rows, bytes, Duration.ofNanos(now - start));
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
  }

  /** Ends the bar's line. */
  void finish() {
    if (lastLength > 0) {
      err.println();
      err.flush();
    }
  }

  /**
   * Renders the bar.
   *
   * @param fraction the share done, 0 to 1
   * @param rows rows sent
   * @param bytes bytes sent
   * @param elapsed time since the start
   * @return e.g. {@code [=========> ] 38% 120,000 rows 3.2 MB/s ETA 0:41}
   */
  static String render(double fraction, long rows, long bytes, Duration elapsed) {
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.floor(f * WIDTH);
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    bar.append(']');
    double seconds = elapsed.toNanos() / 1e9;
    double rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
    String eta = f <= 0 || seconds <= 0 ? "--:--" : clock(Math.round(seconds * (1 - f) / f));
    return String.format(
        Locale.ROOT,
        "%s %3d%%  %,d rows  %.1f MB/s  ETA %s",
        bar,
        (int) Math.floor(f * 100),
        rows,
        rate,
        eta);
  }

  private static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
