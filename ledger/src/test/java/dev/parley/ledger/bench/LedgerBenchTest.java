package dev.parley.ledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBenchTest {
  @TempDir Path dir;

  @Test
  void run_shortRun_reportsConsistentFiguresAndRemovesScratchLedgers() throws Exception {
    LedgerBench.Params params =
        new LedgerBench.Params(4, 2, Duration.ofSeconds(1), 512, Duration.ofSeconds(1));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    LedgerBench.Result r =
        LedgerBench.run(dir, params, new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertTrue(r.appends() > 0, "appends " + r.appends());
    assertTrue(r.fsyncBaselinePerS() > 0 && r.floorPerS() > 0 && r.verifyPerS() > 0, r.toString());
    assertEquals(r.appendsPerS() / r.fsyncBaselinePerS(), r.ratio(), 1e-9);
    assertEquals(r.floorPerS() / r.fsyncBaselinePerS(), r.floorRatio(), 1e-9);
    String line = r.line(params);
    assertTrue(line.startsWith("bench ledger: "), line);
    Map<String, String> figures =
        Arrays.stream(line.substring("bench ledger: ".length()).split(" "))
            .map(kv -> kv.split("=", 2))
            .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    for (String key :
        new String[] {
          "appends_per_s",
          "p50_ms",
          "p99_ms",
          "fsync_baseline_per_s",
          "ratio",
          "verify_per_s",
          "floor_per_s",
          "floor_ratio"
        }) {
      assertTrue(figures.containsKey(key), key + " in " + line);
    }
    assertEquals(Long.toString(r.appends()), figures.get("appends"));
    assertTrue(Files.isRegularFile(dir.resolve("log/checkpoint")), "the log stays for --keep");
    assertFalse(Files.exists(dir.resolve("floor")), "the floor replay is removed");
    assertFalse(Files.exists(dir.resolve("warmup")), "and so is the warm-up ledger");
    assertTrue(line.endsWith(" warmup_s=1"), line);
  }
}
