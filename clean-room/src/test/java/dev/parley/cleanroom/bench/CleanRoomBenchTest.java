package dev.parley.cleanroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.synth.SyntheticPopulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small end-to-end run of the clean-room benchmark, and its summary line. */
class CleanRoomBenchTest {
  private static final Pattern FINAL_LINE =
      Pattern.compile(
          "bench cleanroom: upload_s=[0-9.]+ query_s=[0-9.]+ plain_query_s=[0-9.]+"
              + " query_ratio=[0-9.]+ consent_load_s=[0-9.]+ tokenize_per_s=[0-9]+"
              + " rows=5000 overlap=2500 matched=[0-9]+");

  @TempDir Path data;

  @Test
  void run_smallPopulation_answersAgreeAndMatchNaiveCount() throws Exception {
    CleanRoomBench.Params params = new CleanRoomBench.Params(5_000, 2_500, 99);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CleanRoomBenchResult r =
        CleanRoomBench.run(data, params, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    SyntheticPopulation population = params.population();
    long expected = 0;
    for (long p = 0; p < params.overlap(); p++) {
      if (population.consents(p)) {
        expected++;
      }
    }
    assertTrue(r.answersAgree(), "the service and plain SQL answers agree");
    assertEquals(expected, r.matched(), "consenting shared people, each in one interest group");
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(FINAL_LINE.matcher(lines.getLast()).matches(), lines.getLast());
    assertTrue(
        lines.get(lines.size() - 2).startsWith("upload_vs_tokenize="), lines.get(lines.size() - 2));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("answers agree: 8 groups")), "8 interests");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("query profile (")));
    assertEquals(CleanRoomBench.ROUNDS, lines.stream().filter(l -> l.startsWith("round ")).count());
  }

  @Test
  void line_knownFigures_hasExactFormat() {
    CleanRoomBenchResult r =
        new CleanRoomBenchResult(
            1_000_000, 500_000, 100.0, 20_000.4, 25_000, 80.25, 1.5, 0.75, 449_321, true);
    assertEquals(
        "bench cleanroom: upload_s=100.00 query_s=1.500 plain_query_s=0.750 query_ratio=2.00"
            + " consent_load_s=80.25 tokenize_per_s=20000 rows=1000000 overlap=500000"
            + " matched=449321",
        r.line());
    assertEquals(1.25, r.uploadVsTokenize(), 1e-12, "100 s vs 2M tokens at 25,000/s = 80 s");
    assertTrue(r.uploadLine().startsWith("upload_vs_tokenize=1.25 "), r.uploadLine());
  }

  @Test
  void params_outOfRange_refusedNamingTheField() {
    IllegalArgumentException rows =
        assertThrows(IllegalArgumentException.class, () -> new CleanRoomBench.Params(0, 0, 1));
    assertTrue(rows.getMessage().startsWith("rows:"), rows.getMessage());
    IllegalArgumentException overlap =
        assertThrows(IllegalArgumentException.class, () -> new CleanRoomBench.Params(10, 11, 1));
    assertTrue(overlap.getMessage().startsWith("overlap:"), overlap.getMessage());
  }
}
