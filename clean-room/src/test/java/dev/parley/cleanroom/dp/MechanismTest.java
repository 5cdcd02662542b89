package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Laplace and Gaussian mechanisms: parameters, costs, releases and interval coverage. */
class MechanismTest {

  @Test
  void laplace_scaleIsSensitivityOverEpsilon() {
    DiscreteLaplaceMechanism m =
        DiscreteLaplaceMechanism.create(3, Rational.of(1, 2), Seeded.random(1));
    assertEquals(new LaplaceScale(6, 1), m.scale());
    assertEquals(new QueryCost.PureEpsilon(Rational.of(1, 2)), m.cost());
    assertEquals(
        ConfidenceIntervals.laplaceHalfWidth(
            new LaplaceScale(6, 1), ConfidenceIntervals.NINETY_FIVE_PERCENT),
        m.halfWidth95());
    NoisyValue v = m.release(1000);
    assertEquals(Mechanism.LAPLACE, v.mechanism());
    assertEquals(Rational.of(6), v.noiseScale());
    assertEquals(v.value() - m.halfWidth95(), v.interval95().low());
    assertEquals(v.value() + m.halfWidth95(), v.interval95().high());
    assertEquals(Rational.of(19, 20), v.interval95().coverage());
  }

  @Test
  void gaussian_rhoIsSensitivitySquaredOverTwoSigma2() {
    DiscreteGaussianMechanism m =
        DiscreteGaussianMechanism.withVariance(2, Rational.of(8), Seeded.random(1));
    assertEquals(new QueryCost.Zcdp(Rational.of(1, 4)), m.cost());
    DiscreteGaussianMechanism r =
        DiscreteGaussianMechanism.withRho(1, Rational.of(1, 2), Seeded.random(1));
    assertEquals(new GaussianVariance(1, 1), r.sigma2());
    assertEquals(2, r.halfWidth95());
    NoisyValue v = r.release(-5);
    assertEquals(Mechanism.GAUSSIAN, v.mechanism());
    assertEquals(Rational.ONE, v.noiseScale());
  }

  /** The interval must contain the true value in ≥ 95% of releases (its exact mass). */
  @Test
  void interval95_coversTrueValue() {
    DiscreteLaplaceMechanism lap =
        DiscreteLaplaceMechanism.create(1, Rational.of(1, 3), Seeded.random(21));
    DiscreteGaussianMechanism gauss =
        DiscreteGaussianMechanism.withVariance(1, Rational.of(30), Seeded.random(22));
    int n = 100_000;
    int lapHits = 0;
    int gaussHits = 0;
    for (int i = 0; i < n; i++) {
      ConfidenceInterval a = lap.release(500).interval95();
      lapHits += a.low() <= 500 && 500 <= a.high() ? 1 : 0;
      ConfidenceInterval b = gauss.release(500).interval95();
      gaussHits += b.low() <= 500 && 500 <= b.high() ? 1 : 0;
    }
    // Standard error of a 95% frequency over 100k releases is 0.0007; allow 5 of them.
    assertTrue(lapHits >= 0.95 * n - 0.0035 * n, "laplace coverage " + lapHits);
    assertTrue(gaussHits >= 0.95 * n - 0.0035 * n, "gaussian coverage " + gaussHits);
  }

  @Test
  void invalidParameters_rejectedWithField() {
    assertEquals(
        "sensitivity: must be at least 1, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> DiscreteLaplaceMechanism.create(0, Rational.ONE, Seeded.random(1)))
            .getMessage());
    assertEquals(
        "epsilon: must be in (0, 20], got 21",
        assertThrows(
                IllegalArgumentException.class,
                () -> DiscreteLaplaceMechanism.create(1, Rational.of(21), Seeded.random(1)))
            .getMessage());
    assertEquals(
        "sensitivity/epsilon = 1073741824/(1) = 1073741824: scale: numerator and denominator"
            + " must be at most 1073741823, got 1073741824",
        assertThrows(
                IllegalArgumentException.class,
                () -> DiscreteLaplaceMechanism.create(1L << 30, Rational.ONE, Seeded.random(1)))
            .getMessage());
    assertEquals(
        "rho: must be in (0, 20], got 50",
        assertThrows(
                IllegalArgumentException.class,
                () -> DiscreteGaussianMechanism.withVariance(10, Rational.ONE, Seeded.random(1)))
            .getMessage());
  }

  @Test
  void release_overflow_throwsRatherThanWraps() {
    DiscreteLaplaceMechanism m =
        DiscreteLaplaceMechanism.create(1, Rational.of(1, 20), Seeded.random(9));
    boolean threw = false;
    for (int i = 0; i < 200 && !threw; i++) {
      try {
        m.release(Long.MAX_VALUE);
      } catch (ArithmeticException e) {
        threw = true;
      }
    }
    assertTrue(threw, "positive noise on Long.MAX_VALUE must overflow loudly");
  }
}
