package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.cleanroom.engine.AnalyticEngine;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The query service over the naive reference engine. */
class QueryServiceReferenceTest extends QueryServiceContract {
  @Override
  AnalyticEngine newEngine(Path dir) {
    return new ReferenceEngine();
  }

  @Test
  void run_refused_neverTouchesTheEngine() {
    int before = ((ReferenceEngine) engine).aggregations();
    assertThrows(QueryRefusedException.class, () -> run("initech", PROFILE));
    assertThrows(
        QueryRefusedException.class, () -> run("acme", PROFILE.replace("age_band", "genre")));
    assertEquals(before, ((ReferenceEngine) engine).aggregations());
  }

  @Test
  void run_dropsItsTokenSets() {
    run("acme", OVERLAP);
    run("acme", PROFILE);
    assertEquals(Set.of(), ((ReferenceEngine) engine).tokenSets());
  }
}
