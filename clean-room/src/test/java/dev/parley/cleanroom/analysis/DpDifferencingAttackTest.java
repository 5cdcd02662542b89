package dev.parley.cleanroom.analysis;

import static dev.parley.cleanroom.analysis.DpPlanTest.laplace;
import static dev.parley.cleanroom.analysis.DpPlanTest.seeded;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.engine.TableWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An empirical differencing attack through the query path (engine, noise, noisy threshold): two
 * neighbouring datasets, D with n = k − 1 subjects and D′ with one subject more, and many
 * repetitions of a count query on each. The output is either "suppressed" or a noisy count. For
 * every test "output ≥ τ" (suppressed counts as below every τ) and its complement, ε-DP bounds the
 * ratio of acceptance probabilities under D and D′ by e^ε; the test requires ln(ratio) ≤ ε + 5
 * standard errors (delta method, SE² ≈ 1/c₁ + 1/c₀; tests seen fewer than 2000 times are skipped,
 * except that an event never seen on one side but 2000 times on the other is an infinite excess).
 * The best test must also reach about e^ε, so the noise is not over-calibrated. A control that
 * thresholds on the true count (what the engine does without DP) must be caught.
 *
 * <p>The ledger and budget are not in this loop (each query would spend budget); {@code
 * QueryServiceDpTest} covers them end to end. The engine is the in-memory reference engine.
 */
class DpDifferencingAttackTest {
  private static final int RUNS = 150_000;
  private static final long K = 10;
  private static final double EPSILON = 0.5;
  private static final double SIGMAS = 5;
  private static final long SUPPRESSED = Long.MIN_VALUE;

  /** A count query over one dataset of {@code n} subjects, run through the engine each time. */
  private static LongSupplier countQuery(AnalyticEngine engine, String name, int n, long seed) {
    try (TableWriter w =
        engine.createTable(name, List.of(new ColumnDef("region", ColumnType.DIMENSION)))) {
      for (int i = 0; i < n; i++) {
        w.append(Scenario.token(i), new Object[] {"east"});
      }
      w.commit();
    }
    List<byte[]> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tokens.add(Scenario.token(i));
    }
    engine.createTokenSet(name + "_set", tokens.iterator());
    QueryPlan plan =
        new QueryPlan(
            RequestKind.OVERLAP,
            List.of(new TableRef(name, "acme")),
            List.of("acme"),
            List.of(),
            List.of(),
            K,
            List.of(),
            List.of(),
            OptionalInt.empty());
    DpPlan dp = DpPlan.of(plan, laplace("1/2", 4), r -> true, seeded(seed));
    return () -> {
      DpRelease.Released r = DpRelease.release(dp, engine.aggregate(dp.aggregation(name + "_set")));
      return r.rows().isEmpty() ? SUPPRESSED : r.rows().getFirst().subjects();
    };
  }

  @Test
  void countQuery_neighbouringDatasets_bestThresholdTestWithinExpEpsilon() {
    try (ReferenceEngine engine = new ReferenceEngine()) {
      Attack attack =
          Attack.run(
              countQuery(engine, "d_without", (int) K - 1, 41),
              countQuery(engine, "d_with", (int) K, 42));
      assertTrue(attack.worstExcessInSigmas() < SIGMAS, attack.toString());
      assertTrue(attack.bestLogRatio() > EPSILON - 0.05, attack.toString());
    }
  }

  @Test
  void thresholdOnTrueCounts_sameAttack_isCaught() {
    // The same noise, but suppression decided on the true count: D (k − 1) is never released.
    StatisticNoise noise =
        StatisticNoise.calibrate(Mechanism.LAPLACE, Rational.of(1, 2), 1, 1, seeded(43));
    LongUnaryOperator leaky = n -> n < K ? SUPPRESSED : noise.release(n).value();
    Attack attack = Attack.run(() -> leaky.applyAsLong(K - 1), () -> leaky.applyAsLong(K));
    assertTrue(attack.worstExcessInSigmas() > SIGMAS, attack.toString());
  }

  /** Histograms of outputs on D and D′, and the threshold tests over them. */
  private record Attack(TreeMap<Long, Integer> onD, TreeMap<Long, Integer> onD1) {
    static Attack run(LongSupplier d, LongSupplier d1) {
      TreeMap<Long, Integer> a = new TreeMap<>();
      TreeMap<Long, Integer> b = new TreeMap<>();
      for (int i = 0; i < RUNS; i++) {
        a.merge(d.getAsLong(), 1, Integer::sum);
        b.merge(d1.getAsLong(), 1, Integer::sum);
      }
      return new Attack(a, b);
    }

    /** Max over tests of (ln ratio − ε)/SE, both directions, both tails. */
    double worstExcessInSigmas() {
      double worst = Double.NEGATIVE_INFINITY;
      List<Long> taus = new ArrayList<>(onD.keySet());
      taus.addAll(onD1.keySet());
      for (long tau : taus) {
        long c0 = atLeast(onD, tau);
        long c1 = atLeast(onD1, tau);
        worst = Math.max(worst, excess(c1, c0));
        worst = Math.max(worst, excess(c0, c1));
        worst = Math.max(worst, excess(RUNS - c0, RUNS - c1));
        worst = Math.max(worst, excess(RUNS - c1, RUNS - c0));
      }
      return worst;
    }

    double bestLogRatio() {
      double best = 0;
      for (long tau = K - 3; tau <= K + 8; tau++) {
        long c0 = atLeast(onD, tau);
        long c1 = atLeast(onD1, tau);
        if (c0 >= 2000 && c1 >= 2000) {
          best = Math.max(best, Math.log((double) c1 / c0));
        }
      }
      return best;
    }

    private static double excess(long numerator, long denominator) {
      if (numerator >= 2000 && denominator == 0) {
        return Double.POSITIVE_INFINITY;
      }
      if (numerator < 2000 || denominator < 2000) {
        return Double.NEGATIVE_INFINITY;
      }
      double se = Math.sqrt(1.0 / numerator + 1.0 / denominator);
      return (Math.log((double) numerator / denominator) - EPSILON) / se;
    }

    private static long atLeast(TreeMap<Long, Integer> h, long tau) {
      long c = 0;
      for (int v : h.tailMap(tau, true).values()) {
        c += v;
      }
      return c;
    }

    @Override
    public String toString() {
      return "worst excess "
          + worstExcessInSigmas()
          + " sigmas, best log ratio "
          + bestLogRatio()
          + ", released on D "
          + (RUNS - onD.getOrDefault(SUPPRESSED, 0))
          + ", on D' "
          + (RUNS - onD1.getOrDefault(SUPPRESSED, 0));
    }
  }
}
