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
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.store.LedgerStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the steps of one query apart, to say what dominates {@code query_s}: the same steps {@code
 * QueryService} takes, through the same public engine and consent APIs, but each run to completion
 * before the next starts (the service interleaves the scan with the consent lookups).
 *
 * <ol>
 *   <li>scan: the distinct tokens of the join, streamed out of DuckDB ({@code forEachJoinedToken});
 *   <li>consent: the consent index asked per batch of {@value #BATCH} tokens for each contributing
 *       partner, answers intersected;
 *   <li>token set: the consented tokens appended into a DuckDB token set;
 *   <li>aggregate: the join restricted to the token set, grouped and thresholded.
 * </ol>
 *
 * What is left of {@code query_s} is planning and the awaited {@code query.released} append.
 */
final class CleanRoomBenchProfile {
  /** Tokens per consent question, as the query service asks them. */
  static final int BATCH = 16_384;

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
    List<SubjectToken> joined = new ArrayList<>();
    engine.forEachJoinedToken(plan.inputs(), t -> joined.add(SubjectToken.of(t)));
    steps.put("joined-token scan", CleanRoomBench.seconds(t0));

    t0 = System.nanoTime();
    List<byte[]> kept = new ArrayList<>(joined.size());
    for (int from = 0; from < joined.size(); from += BATCH) {
      List<SubjectToken> batch = joined.subList(from, Math.min(joined.size(), from + BATCH));
      BitSet keep = new BitSet(batch.size());
      keep.set(0, batch.size());
      for (String partner : plan.contributors()) {
        keep.and(consent.activeConsent(batch, partner, collaboration.purpose(), consentSize, now));
      }
      for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
        kept.add(batch.get(i).bytes());
      }
    }
    steps.put("consent lookups", CleanRoomBench.seconds(t0));

    String set = "bench_profile_" + System.nanoTime();
    try {
      t0 = System.nanoTime();
      engine.createTokenSet(set, kept.iterator());
      steps.put("token set load", CleanRoomBench.seconds(t0));
      t0 = System.nanoTime();
      engine.aggregate(plan.aggregation(set));
      steps.put("aggregation", CleanRoomBench.seconds(t0));
    } finally {
      engine.dropTokenSet(set);
    }
    double sum = steps.values().stream().mapToDouble(Double::doubleValue).sum();
    String dominant =
        steps.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "query profile (%d joined tokens, %d consented, steps run apart):",
                joined.size(),
                kept.size()));
    steps.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.3f s,", k, v)));
    line.append(
        String.format(
            Locale.ROOT,
            " sum %.3f s vs query_s %.3f s; dominant: %s",
            sum,
            querySeconds,
            dominant));
    out.println(line);
    return steps;
  }
}
