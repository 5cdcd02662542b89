package dev.parley.gateway.cleanroom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The two partners' files for the clean-room tests. {@code acme}'s customers are {@code
 * user0..user119@example.com} (raw emails; region by i mod 4; spend = i), written as CSV.gz. {@code
 * globex}'s viewers are users 40..159 (raw emails; age band by i mod 3, except user 41 alone in
 * {@code 65+}; minutes = i), plain CSV, uploaded blinded. The join is users 40..119 (80).
 */
final class CleanRoomScenario {
  static final List<String> REGIONS = List.of("north", "south", "east", "west");
  static final List<String> BANDS = List.of("18-24", "25-34", "35-44");
  static final int K = 5;

  static final String CUSTOMERS_SCHEMA =
      """
      {"identifiers": [{"name": "email", "type": "EMAIL"}],
       "dimensions": [{"name": "region", "allowed": ["north", "south", "east", "west"]}],
       "metrics": [{"name": "spend", "type": "DECIMAL"}]}
      """;

  static final String VIEWERS_SCHEMA =
      """
      {"identifiers": [{"name": "email", "type": "EMAIL"}],
       "dimensions": [{"name": "age_band"}],
       "metrics": [{"name": "minutes", "type": "INTEGER"}]}
      """;

  static final String COLLABORATION =
      """
      {"id": "retail", "members": ["acme", "globex"], "purpose": "audience-insights",
       "rules": {"aggregates": ["count-distinct-subjects", "sum", "avg"],
                 "datasets": [{"partner": "acme", "dataset": "customers",
                               "dimensions": ["region"],
                               "metrics": [{"column": "spend", "lower": 0, "upper": 1000}]},
                              {"partner": "globex", "dataset": "viewers",
                               "dimensions": ["age_band"],
                               "metrics": [{"column": "minutes", "lower": 0, "upper": 600}]}],
                 "dp": null, "joinOn": "token", "minAggregationThreshold": 5}}
      """;

  static final String OVERLAP =
      """
      {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                       {"partner": "globex", "dataset": "viewers"}]}
      """;

  static final String PROFILE =
      """
      {"type": "segmentProfile",
       "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["age_band"]},
       "among": {"partner": "acme", "dataset": "customers"},
       "metrics": [{"aggregate": "avg", "partner": "acme", "dataset": "customers",
                    "column": "spend"}]}
      """;

  private CleanRoomScenario() {}

  static byte[] customersCsv(int from, int to) {
    StringBuilder b = new StringBuilder("email,region,spend\n");
    for (int i = from; i < to; i++) {
      b.append(CleanRoomServer.email(i)).append(',').append(REGIONS.get(i % 4)).append(',');
      b.append(i).append(".25\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] viewersCsv() {
    StringBuilder b = new StringBuilder("minutes,email,age_band\n");
    for (int i = 40; i < 160; i++) {
      b.append(i).append(',').append(CleanRoomServer.email(i)).append(',');
      b.append(i == 41 ? "65+" : BANDS.get(i % 3)).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    return f;
  }

  static Path write(Path dir, String name, String content) throws IOException {
    return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }
}
