package dev.parley.consent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.journal.MemoryJournal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentBenchTest {
  @TempDir Path data;

  @Test
  void run_small_printsFinalLineWithExpectedActiveCount() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ConsentBench.Result r =
        ConsentBench.run(
            data, new MemoryJournal(), 2_000, new PrintStream(buf, true, StandardCharsets.UTF_8));
    // Partner 0 refuses for subjects i with i % 5 == 0: 400 of 2,000.
    assertEquals(1_600, r.active());
    java.util.List<String> lines = buf.toString(StandardCharsets.UTF_8).strip().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("bench consent: load_per_s="), last);
    assertTrue(r.withdrawVisibleMillis() < 1_000);
  }
}
