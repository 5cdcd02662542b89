package dev.parley.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void render_quarterDoneAfterTenSeconds_rateAndEta() {
    String line = ProgressBar.render(0.25, 12_345, 20_000_000, Duration.ofSeconds(10));
    assertEquals("[======>                 ]  25%  12,345 rows  2.0 MB/s  ETA 0:30", line);
  }

  @Test
  void render_nothingYet_unknownEta_done_fullBar() {
    assertTrue(ProgressBar.render(0, 0, 0, Duration.ZERO).endsWith("ETA --:--"));
    String done = ProgressBar.render(1, 10, 1_000_000, Duration.ofSeconds(1));
    assertTrue(done.startsWith("[" + "=".repeat(24) + "] 100%"), done);
    assertTrue(ProgressBar.render(0.5, 1, 1, Duration.ofHours(2)).endsWith("ETA 2:00:00"));
  }

  @Test
  void update_withinTheInterval_drawsOnce_unlessForced() {
    StringWriter out = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), now::get);
    bar.update(0.1, 1, 1, false);
    now.addAndGet(ProgressBar.EVERY_MILLIS * 1_000_000 / 2);
    bar.update(0.2, 2, 2, false);
    assertEquals(1, out.toString().chars().filter(c -> c == '\r').count());
    bar.update(0.3, 3, 3, true);
    assertEquals(2, out.toString().chars().filter(c -> c == '\r').count());
    bar.finish();
    assertTrue(out.toString().endsWith(System.lineSeparator()));
  }
}
