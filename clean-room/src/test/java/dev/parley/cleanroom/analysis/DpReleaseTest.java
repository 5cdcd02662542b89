package dev.parley.cleanroom.analysis;

import static dev.parley.cleanroom.analysis.DpPlanTest.CATEGORY;
import static dev.parley.cleanroom.analysis.DpPlanTest.MINUTES;
import static dev.parley.cleanroom.analysis.DpPlanTest.SPEND;
import static dev.parley.cleanroom.analysis.DpPlanTest.laplace;
import static dev.parley.cleanroom.analysis.DpPlanTest.plan;
import static dev.parley.cleanroom.analysis.DpPlanTest.seeded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.dp.ConfidenceIntervals;
import dev.parley.cleanroom.dp.LaplaceScale;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.TailBounds;
import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateKind;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.ResultRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The noisy release: thresholds on noisy counts, per-cell noise, suppressed estimates. */
class DpReleaseTest {
  private static long halfWidth(Rational t) {
    return ConfidenceIntervals.laplaceHalfWidth(
        LaplaceScale.of(t), ConfidenceIntervals.NINETY_FIVE_PERCENT);
  }

  @Test
  void release_thresholdOnNoisyCounts_smallGroupsSometimesReleasedLargeOnesSometimesNot() {
    // ε = 1, two statistics (subjects, groups): t = 2 for the counts. k = 10.
    DpPlan p =
        DpPlan.of(plan(List.of(CATEGORY), List.of(), 10), laplace("1", 1), r -> true, seeded(7));
    AggregateResult truth =
        new AggregateResult(
            List.of(
                new ResultRow(List.of("small"), 8, List.of()),
                new ResultRow(List.of("large"), 12, List.of())),
            0);
    int small = 0;
    int large = 0;
    int runs = 20_000;
    for (int i = 0; i < runs; i++) {
      DpRelease.Released r = DpRelease.release(p, truth);
      for (OutputRow row : r.rows()) {
        assertTrue(row.subjects() >= 10, "released only if the noisy count reaches k");
        if (row.group().equals(List.of("small"))) {
          small++;
        } else {
          large++;
        }
      }
      assertTrue(r.suppressedRows() >= 0);
    }
    // Pr[8 + Z ≥ 10] = q²/(1+q) and Pr[12 + Z ≥ 10] = 1 − q³/(1+q), q = e^{−1/2}.
    double q = Math.exp(-0.5);
    assertEquals(q * q / (1 + q), (double) small / runs, 0.015);
    assertEquals(1 - q * q * q / (1 + q), (double) large / runs, 0.015);
  }

  @Test
  void release_cellsCarryScaleAnd95PercentInterval() {
    QueryPlan q =
        plan(
            List.of(CATEGORY),
            List.of(Aggregate.sum(MINUTES, 0, 60), Aggregate.avg(MINUTES, 0, 60)),
            2);
    DpPlan p = DpPlan.of(q, laplace("1", 1), r -> true, seeded(8));
    // statistics: subjects, sum, count, groups → ε/4 each; t = 4, 240, 4, 4
    AggregateResult truth =
        new AggregateResult(List.of(new ResultRow(List.of("a"), 500, List.of(15_000.0, 500.0))), 0);
    OutputRow row = DpRelease.release(p, truth).rows().getFirst();
    RowNoise noise = row.noise().orElseThrow();
    assertEquals(Mechanism.LAPLACE, noise.subjects().mechanism());
    assertEquals(Rational.of(4), noise.subjects().scale());
    long k4 = halfWidth(Rational.of(4));
    assertEquals((double) (row.subjects() - k4), noise.subjects().low());
    assertEquals((double) (row.subjects() + k4), noise.subjects().high());
    CellNoise sum = noise.values().get(0);
    assertEquals(Rational.of(240), sum.scale());
    assertEquals(Optional.empty(), sum.denominatorScale());
    long k240 = halfWidth(Rational.of(240));
    assertEquals(row.values().get(0) - k240, sum.low());
    assertEquals(row.values().get(0) + k240, sum.high());
    CellNoise avg = noise.values().get(1);
    assertEquals(Rational.of(240), avg.scale());
    assertEquals(Optional.of(Rational.of(4)), avg.denominatorScale());
    double mean = row.values().get(1);
    assertTrue(avg.low() <= mean && mean <= avg.high(), avg + " around " + mean);
    assertTrue(avg.low() >= 0 && avg.high() <= 60, "within the metric bounds");
    assertTrue(Math.abs(mean - 30) < 5, "noisy mean " + mean + " near the true 30");
  }

  @Test
  void release_meanIntervals_coverTheTrueMeanAtLeast95Percent() {
    QueryPlan q = plan(List.of(), List.of(Aggregate.avg(SPEND, 0, 100)), 2);
    DpPlan p = DpPlan.of(q, laplace("1/2", 1), r -> true, seeded(9));
    AggregateResult truth =
        new AggregateResult(List.of(new ResultRow(List.of(), 1000, List.of(50_000.0, 1000.0))), 0);
    int covered = 0;
    int released = 0;
    double width = 0;
    for (int i = 0; i < 4_000; i++) {
      for (OutputRow row : DpRelease.release(p, truth).rows()) {
        released++;
        CellNoise c = row.noise().orElseThrow().values().getFirst();
        covered += c.low() <= 50 && 50 <= c.high() ? 1 : 0;
        width += c.high() - c.low();
      }
    }
    assertEquals(4_000, released);
    assertTrue(covered >= 0.95 * released, covered + " of " + released);
    assertTrue(width / released < 20, "informative intervals, mean width " + width / released);
  }

  @Test
  void release_suppressedCount_neverTheExactOne() {
    DpPlan ungrouped =
        DpPlan.of(plan(List.of(), List.of(), 1_000), laplace("1", 1), r -> true, seeded(10));
    DpRelease.Released none =
        DpRelease.release(
            ungrouped, new AggregateResult(List.of(new ResultRow(List.of(), 3, List.of())), 0));
    assertEquals(List.of(), none.rows());
    assertEquals(1, none.suppressedRows(), "the single group, withheld");
    assertEquals(Optional.empty(), none.selectionDelta());

    DpPlan grouped =
        DpPlan.of(
            plan(List.of(CATEGORY), List.of(), 1_000), laplace("1", 2), r -> true, seeded(11));
    List<ResultRow> groups =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> new ResultRow(List.of("g" + i), 3, List.of()))
            .toList();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(DpRelease.release(grouped, new AggregateResult(groups, 0)).suppressedRows());
    }
    assertTrue(seen.size() > 5, "a noisy estimate of the 50 withheld groups: " + seen);
  }

  @Test
  void release_grouped_reportsTheSelectionDelta() {
    DpPlan p =
        DpPlan.of(plan(List.of(CATEGORY), List.of(), 40), laplace("1", 3), r -> true, seeded(12));
    DpRelease.Released r =
        DpRelease.release(
            p, new AggregateResult(List.of(new ResultRow(List.of("x"), 100, List.of())), 0));
    // t = L/(ε/2) = 6; δ ≤ L·Pr[Z ≥ k − 1]
    Rational tail = TailBounds.laplaceAtLeast(LaplaceScale.of(Rational.of(6)), 39);
    assertEquals(Optional.of(tail.multiply(Rational.of(3))), r.selectionDelta());
    assertTrue(r.selectionDelta().orElseThrow().compareTo(Rational.of(1, 50)) < 0);
  }

  @Test
  void meanInterval_cornersOfBothBoxesClippedToBounds() {
    DpPlan.ValueSource v = new DpPlan.ValueSource(AggregateKind.AVG, 1, 2, 0, 100, true);
    // sum in [900, 1100], count in [8, 12]: means from 75 to 137.5, clipped to 100
    assertArrayEquals(new double[] {75, 100}, DpRelease.meanInterval(1000, 100, 10, 2, v));
    // count interval reaching below 1 is cut at 1 (a mean needs a value)
    assertArrayEquals(new double[] {0, 100}, DpRelease.meanInterval(50, 60, 2, 5, v));
    // count interval entirely below 1: only the bounds are known
    assertArrayEquals(new double[] {0, 100}, DpRelease.meanInterval(50, 1, -9, 2, v));
  }
}
