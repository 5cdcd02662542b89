package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.cli.LoadBenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code parley bench load} runs both phases and ends with its one-line summary, error-free. */
class LoadBenchCommandTest {
  private static final Pattern LINE =
      Pattern.compile(
          "bench load: writes_per_s=([0-9.]+) reads_per_s=([0-9.]+) write_p50_ms=[0-9.]+"
              + " write_p99_ms=[0-9.]+ read_p50_ms=[0-9.]+ read_p99_ms=[0-9.]+"
              + " plain_per_s=([0-9.]+) plain_p50_ms=[0-9.]+ plain_p99_ms=[0-9.]+ errors=(\\d+)");

  @Test
  void shortRun_bothPhasesMeasured_lastLineSummarizesWithoutErrors() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new LoadBenchCommand())
              .execute(
                  "--seconds", "3", "--plain-seconds", "1", "--clients", "4", "--sessions", "50");
    } finally {
      System.setOut(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, code, String.join("\n", lines));
    Matcher m = LINE.matcher(lines.getLast());
    assertTrue(m.matches(), lines.getLast());
    assertTrue(Double.parseDouble(m.group(1)) > 0, "writes measured");
    assertTrue(Double.parseDouble(m.group(2)) > 0, "reads measured");
    assertTrue(Double.parseDouble(m.group(3)) > 0, "plain endpoint measured");
    assertEquals("0", m.group(4));
  }
}
