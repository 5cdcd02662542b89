package dev.parley.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.note.NoteVerifierKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM that is appending to the ledger with SIGKILL, over and over, and proves
 * that every acknowledged entry survives each restart and that the auditor's verification passes.
 */
class LedgerCrashTest {
  private static final int KILLS = 24;

  @TempDir Path dir;

  @Test
  void append_killedWithSigkill24Times_everyAcknowledgedEntrySurvives() throws Exception {
    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    Random random = new Random(20261123L);
    int restarts = 0;
    for (int run = 0; run < KILLS; run++) {
      Process child = startChild(run);
      List<String> problems = new ArrayList<>();
      CountDownLatch opened = new CountDownLatch(1);
      Thread pump = Thread.ofPlatform().start(() -> pump(child, acknowledged, problems, opened));
      assertTrue(
          opened.await(60, TimeUnit.SECONDS),
          "child opened the ledger (run " + run + "): " + problems);
      Thread.sleep(20 + random.nextInt(400)); // kill at a random moment of the append stream
      child.destroyForcibly(); // SIGKILL on Linux
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      pump.join();
      assertTrue(problems.isEmpty(), "child reported: " + problems);
      restarts++;
    }
    assertEquals(KILLS, restarts);
    assertTrue(
        acknowledged.size() > 10 * KILLS, "appends were acknowledged: " + acknowledged.size());

    try (LedgerStore store = LedgerStore.open(LedgerOptions.builder(dir).build())) {
      assertTrue(
          store.failure().isEmpty(), () -> "store healthy after crashes: " + store.failure());
      long size = store.latest().checkpoint().size();
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertTrue(
            ack.getKey() < size, "acknowledged index " + ack.getKey() + " below size " + size);
        LedgerEntry e = LedgerEntry.decode(store.reader().entry(ack.getKey()));
        assertEquals(
            JsonString.of(ack.getValue()),
            e.body().get("text").orElseThrow(),
            "entry " + ack.getKey());
      }
    }
    NoteVerifierKey key =
        NoteVerifierKey.parse(
            Files.readString(dir.resolve("log.vkey"), StandardCharsets.UTF_8).trim());
    LogAudit.Report report = LogAudit.verify(LogSource.directory(dir.resolve("log")), key, null);
    assertTrue(report.checkpoint().size() >= acknowledged.size());
  }

  private Process startChild(int run) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            CrashWorker.class.getName(),
            dir.toString(),
            Integer.toString(run),
            "16")
        .redirectErrorStream(true)
        .start();
  }

  private static void pump(
      Process child, Map<Long, String> acknowledged, List<String> problems, CountDownLatch opened) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          int space = line.indexOf(' ', 4);
          if (space < 0) {
            continue; // torn final line: the process died mid-print
          }
          String previous =
              acknowledged.put(Long.parseLong(line.substring(4, space)), line.substring(space + 1));
          if (previous != null) {
            problems.add("index acknowledged twice: " + line + " (was " + previous + ")");
          }
        } else if (line.startsWith("OPEN ")) {
          opened.countDown();
        } else if (line.startsWith("FAILED") || line.startsWith("ERROR")) {
          problems.add(line);
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // the child was killed; a torn last line is expected
    }
  }
}
