package dev.parley.cleanroom.dp;

import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * An empirical differencing attack for tests: histograms of many releases on two neighbouring
 * datasets D and D′, and every threshold test "output ≥ τ" (and its complement) over them.
 *
 * <p>ε-DP bounds the ratio of a test's acceptance probabilities under D and D′ by e^ε. Each ratio
 * is estimated from the histograms; {@link #worstExcessInSigmas} reports the largest (ln ratio −
 * ε)/SE (delta method: SE² ≈ 1/c₁ + 1/c₀ for counts c₁, c₀), skipping tests seen fewer than {@value
 * #MIN_COUNT} times, except that a test accepted at least that often under one dataset and never
 * under the other is an infinite excess.
 *
 * @param onD outputs on D, value to count
 * @param onD1 outputs on D′, value to count
 * @param runs releases per dataset
 */
public record ThresholdAttack(TreeMap<Long, Integer> onD, TreeMap<Long, Integer> onD1, int runs) {
  /** Fewest acceptances for a threshold test to count. */
  public static final int MIN_COUNT = 2000;

  /**
   * Releases {@code runs} times on each dataset.
   *
   * @param runs releases per dataset
   * @param d one release on D
   * @param d1 one release on D′
   * @return the histograms
   */
  public static ThresholdAttack run(int runs, LongSupplier d, LongSupplier d1) {
    TreeMap<Long, Integer> a = new TreeMap<>();
    TreeMap<Long, Integer> b = new TreeMap<>();
    for (int i = 0; i < runs; i++) {
      a.merge(d.getAsLong(), 1, Integer::sum);
      b.merge(d1.getAsLong(), 1, Integer::sum);
    }
    return new ThresholdAttack(a, b, runs);
  }

  /**
   * Returns the max over threshold tests of (ln ratio − ε)/SE, both directions, both tails.
   *
   * @param epsilon the claimed ε
   * @return the worst excess in standard errors
   */
  public double worstExcessInSigmas(double epsilon) {
    double worst = Double.NEGATIVE_INFINITY;
    TreeMap<Long, Integer> taus = new TreeMap<>(onD);
    taus.putAll(onD1);
    for (long tau : taus.keySet()) {
      long c0 = atLeast(onD, tau);
      long c1 = atLeast(onD1, tau);
      worst = Math.max(worst, excess(c1, c0, epsilon));
      worst = Math.max(worst, excess(c0, c1, epsilon));
      worst = Math.max(worst, excess(runs - c0, runs - c1, epsilon));
      worst = Math.max(worst, excess(runs - c1, runs - c0, epsilon));
    }
    return worst;
  }

  /**
   * Returns the best ln(ratio) of an upper-tail test with τ in {@code [from, to]}, D′ over D.
   *
   * @param from the lowest τ
   * @param to the highest τ
   * @return the best log ratio (0 if no test counts)
   */
  public double bestLogRatio(long from, long to) {
    double best = 0;
    for (long tau = from; tau <= to; tau++) {
      long c0 = atLeast(onD, tau);
      long c1 = atLeast(onD1, tau);
      if (c0 >= MIN_COUNT && c1 >= MIN_COUNT) {
        best = Math.max(best, Math.log((double) c1 / c0));
      }
    }
    return best;
  }

  private static double excess(long numerator, long denominator, double epsilon) {
    if (numerator >= MIN_COUNT && denominator == 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (numerator < MIN_COUNT || denominator < MIN_COUNT) {
      return Double.NEGATIVE_INFINITY;
    }
    double se = Math.sqrt(1.0 / numerator + 1.0 / denominator);
    return (Math.log((double) numerator / denominator) - epsilon) / se;
  }

  private static long atLeast(TreeMap<Long, Integer> h, long tau) {
    long c = 0;
    for (int v : h.tailMap(tau, true).values()) {
      c += v;
    }
    return c;
  }
}
