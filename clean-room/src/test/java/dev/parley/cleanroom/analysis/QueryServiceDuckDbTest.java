package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.DuckDbEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query service over the real DuckDB engine, and compared with the reference engine. */
class QueryServiceDuckDbTest extends QueryServiceContract {
  @Override
  AnalyticEngine newEngine(Path dir) throws Exception {
    return DuckDbEngine.open(dir);
  }

  @Test
  void run_everyKind_releasesExactlyWhatTheReferenceEngineDoes() {
    try (ReferenceEngine reference = new ReferenceEngine()) {
      QueryService referenceService = scenario.service(reference, Scenario.load(reference));
      for (String partner : List.of("acme", "globex")) {
        for (String json : List.of(OVERLAP, PROFILE, BREAKDOWN)) {
          QueryResult duck = run(partner, json);
          QueryResult ref =
              referenceService.run(
                  partner, "retail-media", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          assertEquals(ref.output(), duck.output(), partner + " " + json);
          assertEquals(ref.outputDigest(), duck.outputDigest());
        }
      }
    }
  }
}
