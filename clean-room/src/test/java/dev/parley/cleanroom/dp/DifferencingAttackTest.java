package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
    ThresholdAttack attack = attack(v -> m.release(v).value());
    assertTrue(attack.worstExcessInSigmas(0.5) < SIGMAS, describe(attack));
    // The bound is tight: the best test's ratio reaches e^ε (upper tail, τ > n + 1).
    assertTrue(attack.bestLogRatio(N - 5, N + 8) > 0.5 - 0.05, describe(attack));
  }

  @Test
  void leakyMechanism_sameAttack_isCaught() {
    // Claims ε = 1/2 but adds noise for ε = 1: the attack must exceed e^{1/2}.
    DiscreteLaplaceMechanism leaky =
        DiscreteLaplaceMechanism.create(1, Rational.ONE, Seeded.random(32));
    ThresholdAttack attack = attack(v -> leaky.release(v).value());
    assertTrue(attack.worstExcessInSigmas(0.5) > SIGMAS, describe(attack));
  }

  private static ThresholdAttack attack(LongUnaryOperator mechanism) {
    return ThresholdAttack.run(
        RELEASES, () -> mechanism.applyAsLong(N), () -> mechanism.applyAsLong(N + 1));
  }

  private static String describe(ThresholdAttack a) {
    return "worst excess "
        + a.worstExcessInSigmas(0.5)
        + " sigmas, best log ratio "
        + a.bestLogRatio(N - 5, N + 8);
  }
}
