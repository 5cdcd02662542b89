package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Algorithm 3 against the exact PMF Pr[X = x] ∝ e^{−x²/(2σ²)}: chi-square goodness of fit with one
 * million draws per σ², a fixed seed, and a threshold of p &gt; 1e−4.
 */
class DiscreteGaussianSamplerTest {

  @ParameterizedTest(name = "sigma2 = {0}/{1}")
  @CsvSource({"1, 1", "4, 1", "25, 1", "2, 3"})
  void sample_millionDraws_fitExactPmf(long num, long den) {
    DiscreteGaussianSampler sampler =
        new DiscreteGaussianSampler(
            new GaussianVariance(num, den), Seeded.random(4_000_010L + num));
    GoodnessOfFit fit =
        GoodnessOfFit.test(
            sampler::sample, gaussianWeight(num, den), 4000, DiscreteLaplaceSamplerTest.DRAWS);
    assertTrue(fit.degreesOfFreedom() >= 2, "bins: " + fit);
    assertTrue(
        fit.pValue() > DiscreteLaplaceSamplerTest.MIN_P_VALUE,
        "sigma2 = " + num + "/" + den + ": " + fit);
  }

  @Test
  void sample_wrongReferenceVariance_isRejected() {
    DiscreteGaussianSampler sampler =
        new DiscreteGaussianSampler(new GaussianVariance(4, 1), Seeded.random(11));
    GoodnessOfFit fit =
        GoodnessOfFit.test(
            sampler::sample, gaussianWeight(41, 10), 4000, DiscreteLaplaceSamplerTest.DRAWS);
    assertTrue(fit.pValue() < DiscreteLaplaceSamplerTest.MIN_P_VALUE, fit.toString());
  }

  @Test
  void sample_largestVariance_hasVarianceNearSigma2() {
    // σ² = 2^30 − 1 exercises the long bounds of the rejection exponent and its BigInteger path.
    long a = LaplaceScale.MAX_PART;
    DiscreteGaussianSampler sampler =
        new DiscreteGaussianSampler(new GaussianVariance(a, 1), Seeded.random(5));
    int n = 4000;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      double x = sampler.sample();
      sumSquares += x * x;
    }
    double ratio = sumSquares / n / a; // ≈ 1 ± 0.022 (one standard error)
    assertTrue(ratio > 0.9 && ratio < 1.1, "variance / sigma2 = " + ratio);
  }

  @Test
  void floorSigma_matchesIntegerSquareRoot() {
    assertEquals(0, new GaussianVariance(1, 2).floorSigma());
    assertEquals(1, new GaussianVariance(1, 1).floorSigma());
    assertEquals(1, new GaussianVariance(35, 9).floorSigma()); // √3.88…
    assertEquals(2, new GaussianVariance(4, 1).floorSigma());
    assertEquals(32767, new GaussianVariance(LaplaceScale.MAX_PART, 1).floorSigma());
  }

  @Test
  void variance_outOfRange_rejectedWithField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new GaussianVariance(1, 0));
    assertEquals("sigma2 denominator: must be in [1, 1073741823], got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GaussianVariance.of(Rational.ZERO));
    assertEquals("sigma2: must be positive, got 0", e.getMessage());
  }

  static IntToDoubleFunction gaussianWeight(long num, long den) {
    double twoSigma2 = 2.0 * num / den;
    return x -> Math.exp(-(double) x * x / twoSigma2);
  }
}
