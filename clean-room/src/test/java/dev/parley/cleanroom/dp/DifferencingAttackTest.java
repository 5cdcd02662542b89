package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An empirical differencing attack: an analyst who sees one noisy count and must tell whether the
 * true count was n or n+1 (one person more). For every threshold test "output ≥ τ" (and its
 * complement), ε-DP bounds the ratio of its acceptance probabilities under the two datasets by e^ε.
 * The test estimates each ratio from many releases and requires ln(ratio) ≤ ε + 5 standard errors
 * (delta method: SE² ≈ 1/c₁ + 1/c₀ for counts c₁, c₀); thresholds seen fewer than 2000 times are
 * skipped. A control run with half the noise must be caught by the same check.
 */
class DifferencingAttackTest {
  private static final int RELEASES = 400_000;
  private static final long N = 1000;
  private static final double SIGMAS = 5;

  @Test
  void laplaceMechanism_bestThresholdTest_staysWithinExpEpsilon() {
    Rational epsilon = Rational.of(1, 2);
    DiscreteLaplaceMechanism m = DiscreteLaplaceMechanism.create(1, epsilon, Seeded.random(31));
    Attack attack = Attack.run(v -> m.release(v).value());
    assertTrue(attack.worstExcessInSigmas(0.5) < SIGMAS, attack.toString());
    // The bound is tight: the best test's ratio reaches e^ε (upper tail, τ > n + 1).
    assertTrue(attack.bestLogRatio() > 0.5 - 0.05, attack.toString());
  }

  @Test
  void leakyMechanism_sameAttack_isCaught() {
    // Claims ε = 1/2 but adds noise for ε = 1: the attack must exceed e^{1/2}.
    DiscreteLaplaceMechanism leaky =
        DiscreteLaplaceMechanism.create(1, Rational.ONE, Seeded.random(32));
    Attack attack = Attack.run(v -> leaky.release(v).value());
    assertTrue(attack.worstExcessInSigmas(0.5) > SIGMAS, attack.toString());
  }

  /** Histograms of outputs on n and n+1, and the threshold tests over them. */
  private record Attack(TreeMap<Long, Integer> onN, TreeMap<Long, Integer> onN1) {
    static Attack run(LongUnaryOperator mechanism) {
      TreeMap<Long, Integer> a = new TreeMap<>();
      TreeMap<Long, Integer> b = new TreeMap<>();
      for (int i = 0; i < RELEASES; i++) {
        a.merge(mechanism.applyAsLong(N), 1, Integer::sum);
        b.merge(mechanism.applyAsLong(N + 1), 1, Integer::sum);
      }
      return new Attack(a, b);
    }

    /** Max over tests of (ln ratio − ε)/SE, over both directions of both tails. */
    double worstExcessInSigmas(double epsilon) {
      double worst = Double.NEGATIVE_INFINITY;
      long lo = Math.min(onN.firstKey(), onN1.firstKey());
      long hi = Math.max(onN.lastKey(), onN1.lastKey());
      for (long tau = lo; tau <= hi; tau++) {
        long c0 = atLeast(onN, tau);
        long c1 = atLeast(onN1, tau);
        worst = Math.max(worst, excess(c1, c0, epsilon));
        worst = Math.max(worst, excess(c0, c1, epsilon));
        worst = Math.max(worst, excess(RELEASES - c0, RELEASES - c1, epsilon));
        worst = Math.max(worst, excess(RELEASES - c1, RELEASES - c0, epsilon));
      }
      return worst;
    }

    double bestLogRatio() {
      double best = 0;
      for (long tau = N - 5; tau <= N + 8; tau++) {
        long c0 = atLeast(onN, tau);
        long c1 = atLeast(onN1, tau);
        if (c0 >= 2000 && c1 >= 2000) {
          best = Math.max(best, Math.log((double) c1 / c0));
        }
      }
      return best;
    }

    private static double excess(long numerator, long denominator, double epsilon) {
      if (numerator < 2000 || denominator < 2000) {
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

    @Override
    public String toString() {
      return "worst excess "
          + worstExcessInSigmas(0.5)
          + " sigmas, best log ratio "
          + bestLogRatio();
    }
  }
}
