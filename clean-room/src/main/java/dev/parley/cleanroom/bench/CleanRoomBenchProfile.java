package dev.parley.cleanroom.bench;

import dev.parley.cleanroom.analysis.AnalysisRequest;
import dev.parley.cleanroom.analysis.DatasetCatalog;
import dev.parley.cleanroom.analysis.DatasetDescription;
import dev.parley.cleanroom.analysis.PlanOutcome;
import dev.parley.cleanroom.analysis.QueryPlan;
import dev.parley.cleanroom.analysis.QueryPlanner;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.consent.index.ConsentedSet;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.store.LedgerStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the steps of one query apart, to say what dominates {@code query_s}: the same steps {@code
 * QueryService} takes when it cannot reuse a kept token set (the cold path: the first query, or the
 * first after a consent change), through the same public engine and consent APIs.
 *
 * <ol>
 *   <li>consent set: the consent index read once for the subjects with active consent for the
 *       purpose with every contributing partner ({@code ConsentStore.consentedSet});
 *   <li>token set load: those tokens appended into a token set (in DuckDB's memory);
 *   <li>aggregation: the join, semi-join on the token set, grouping and threshold in one statement,
 *       which is all a query does besides planning and the ledger append while its kept token set
 *       still holds (the warm path the measured rounds take).
 * </ol>
 */
final class CleanRoomBenchProfile {
  private CleanRoomBenchProfile() {}

  /**
   * Runs the steps and prints their times and the dominant one.
   *
   * @param engine the engine
   * @param consent the consent store
   * @param ledger the ledger (its size fixes the consent snapshot)
   * @param catalog the published datasets
   * @param collaboration the active collaboration
   * @param requester the requesting partner
   * @param request the request
   * @param querySeconds the measured query time, to which the steps are compared
   * @param out where to print
   * @return the step times in seconds, in step order
   */
  static Map<String, Double> run(
      AnalyticEngine engine,
      ConsentStore consent,
      LedgerStore ledger,
      DatasetCatalog catalog,
      Collaboration collaboration,
      String requester,
      AnalysisRequest request,
      double querySeconds,
      PrintStream out) {
    Map<DatasetKey, DatasetDescription> latest = new HashMap<>();
    for (DatasetKey d : request.datasets()) {
      catalog.latest(d).ifPresent(x -> latest.put(d, x));
    }
    PlanOutcome outcome = QueryPlanner.plan(requester, request, collaboration, latest);
    if (!(outcome instanceof QueryPlan plan)) {
      throw new IllegalStateException("the bench request was refused: " + outcome);
    }
    long consentSize = ledger.latest().checkpoint().size();
    Instant now = Instant.now();
    Map<String, Double> steps = new LinkedHashMap<>();

    long t0 = System.nanoTime();
    ConsentedSet set =
        consent.consentedSet(
            plan.contributors(),
            collaboration.purpose(),
            consentSize,
            now,
            DuckDbEngine.TOKEN_LENGTH);
    steps.put("consent set", CleanRoomBench.seconds(t0));
    List<byte[]> tokens = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      byte[] t = new byte[set.tokenLength()];
      set.copyToken(i, t, 0);
      tokens.add(t);
    }
    String name = "bench_profile_" + System.nanoTime();
    try {
      t0 = System.nanoTime();
      engine.createTokenSet(name, tokens.iterator());
      steps.put("token set load", CleanRoomBench.seconds(t0));
      t0 = System.nanoTime();
      engine.aggregate(plan.aggregation(name));
      steps.put("aggregation", CleanRoomBench.seconds(t0));
    } finally {
      engine.dropTokenSet(name);
    }
    double sum = steps.values().stream().mapToDouble(Double::doubleValue).sum();
    String dominant =
        steps.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "query profile (%d consented subjects, steps run apart):",
                set.size()));
    steps.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.3f s,", k, v)));
    line.append(
        String.format(
            Locale.ROOT,
            " cold path sum %.3f s; query_s %.3f s (rounds reuse the kept token set); dominant: %s",
            sum,
            querySeconds,
            dominant));
    out.println(line);
    return steps;
  }
}
