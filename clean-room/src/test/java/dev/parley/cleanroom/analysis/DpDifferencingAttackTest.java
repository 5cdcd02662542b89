package dev.parley.cleanroom.analysis;

import static dev.parley.cleanroom.analysis.DpPlanTest.laplace;
import static dev.parley.cleanroom.analysis.DpPlanTest.seeded;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.ThresholdAttack;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.engine.TableWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
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
      ThresholdAttack attack =
          attack(
              countQuery(engine, "d_without", (int) K - 1, 41),
              countQuery(engine, "d_with", (int) K, 42));
      assertTrue(attack.worstExcessInSigmas(EPSILON) < SIGMAS, describe(attack));
      assertTrue(attack.bestLogRatio(K - 3, K + 8) > EPSILON - 0.05, describe(attack));
    }
  }

  @Test
  void thresholdOnTrueCounts_sameAttack_isCaught() {
    // The same noise, but suppression decided on the true count: D (k − 1) is never released.
    StatisticNoise noise =
        StatisticNoise.calibrate(Mechanism.LAPLACE, Rational.of(1, 2), 1, 1, seeded(43));
    LongUnaryOperator leaky = n -> n < K ? SUPPRESSED : noise.release(n).value();
    ThresholdAttack attack = attack(() -> leaky.applyAsLong(K - 1), () -> leaky.applyAsLong(K));
    assertTrue(attack.worstExcessInSigmas(EPSILON) > SIGMAS, describe(attack));
  }

  private static ThresholdAttack attack(LongSupplier d, LongSupplier d1) {
    return ThresholdAttack.run(RUNS, d, d1);
  }

  private static String describe(ThresholdAttack a) {
    return "worst excess "
        + a.worstExcessInSigmas(EPSILON)
        + " sigmas, best log ratio "
        + a.bestLogRatio(K - 3, K + 8)
        + ", released on D "
        + (RUNS - a.onD().getOrDefault(SUPPRESSED, 0))
        + ", on D' "
        + (RUNS - a.onD1().getOrDefault(SUPPRESSED, 0));
  }
}
