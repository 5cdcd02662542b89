package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.consent.model.ConsentStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
  void run_keepsOnlyItsLiveTokenSets() {
    QueryService fresh = scenario.service(engine, catalog);
    java.util.function.Function<String, QueryResult> acme =
        json -> fresh.run("acme", "retail-media", json.getBytes(StandardCharsets.UTF_8));
    assertEquals(110, acme.apply(OVERLAP).output().rows().getFirst().subjects());
    assertEquals(3, acme.apply(PROFILE).output().rows().size());
    List<String> kept = fresh.consentedSubjects().names();
    assertEquals(2, kept.size(), "acme+globex, and acme alone for the match rate");
    assertTrue(((ReferenceEngine) engine).tokenSets().containsAll(kept));
    scenario.consent.record(
        Scenario.decision(45, "globex", ConsentStatus.WITHDRAWN, Scenario.T0.plusSeconds(9000)));
    assertEquals(109, acme.apply(OVERLAP).output().rows().getFirst().subjects());
    scenario.consent.record(
        Scenario.decision(45, "globex", ConsentStatus.GIVEN, Scenario.T0.plusSeconds(9001)));
    assertEquals(110, acme.apply(OVERLAP).output().rows().getFirst().subjects());
    List<String> now = fresh.consentedSubjects().names();
    Set<String> live = ((ReferenceEngine) engine).tokenSets();
    assertTrue(live.containsAll(now));
    assertTrue(kept.stream().noneMatch(now::contains), "consent changed: both sets reloaded");
    assertTrue(kept.stream().noneMatch(live::contains), "stale sets dropped");
  }
}
