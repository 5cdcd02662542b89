package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact interval half-widths against a naive floating-point model of the PMF: k must be the
 * smallest integer whose central mass reaches the coverage.
 */
class ConfidenceIntervalsTest {
  private static final Rational C95 = ConfidenceIntervals.NINETY_FIVE_PERCENT;

  @ParameterizedTest(name = "t = {0}/{1}")
  @CsvSource({
    "1, 1",
    "3, 2",
    "10, 1",
    "2, 5",
    "1, 1000",
    "1000, 1",
    "123456789, 1000",
    "1073741823, 1"
  })
  void laplaceHalfWidth_isSmallestCoveringK(long num, long den) {
    long k = ConfidenceIntervals.laplaceHalfWidth(new LaplaceScale(num, den), C95);
    double inverseScale = (double) den / num;
    // Naive model: Pr[|X| ≤ k] = 1 − 2q^{k+1}/(1+q) with q = e^{−1/t}.
    assertTrue(laplaceMass(inverseScale, k) >= 0.95, "mass at k=" + k);
    if (k > 0) {
      assertTrue(laplaceMass(inverseScale, k - 1) < 0.95, "mass at k-1");
    }
  }

  @Test
  void laplaceHalfWidth_unitScale_isThree() {
    // q = 1/e: Pr[|X| ≤ 2] = 1 − 2e^{−3}/(1 + e^{−1}) ≈ 0.9270, Pr[|X| ≤ 3] ≈ 0.9731.
    assertEquals(3, ConfidenceIntervals.laplaceHalfWidth(new LaplaceScale(1, 1), C95));
  }

  @ParameterizedTest(name = "sigma2 = {0}/{1}")
  @CsvSource({"1, 1", "4, 1", "25, 1", "2, 3", "1, 100", "1000000, 1", "1073741823, 1"})
  void gaussianHalfWidth_isSmallestCoveringK(long num, long den) {
    long k = ConfidenceIntervals.gaussianHalfWidth(new GaussianVariance(num, den), C95);
    double sigma2 = (double) num / den;
    assertTrue(gaussianMass(sigma2, k) >= 0.95, "mass at k=" + k);
    if (k > 0) {
      assertTrue(gaussianMass(sigma2, k - 1) < 0.95, "mass at k-1");
    }
  }

  @Test
  void gaussianHalfWidth_unitVariance_isTwo() {
    // Pr[|X| ≤ 1] ≈ 0.8999, Pr[|X| ≤ 2] ≈ 0.9909 for N_Z(0, 1).
    assertEquals(2, ConfidenceIntervals.gaussianHalfWidth(new GaussianVariance(1, 1), C95));
  }

  @Test
  void halfWidths_otherCoverages_areMonotone() {
    LaplaceScale t = new LaplaceScale(5, 1);
    GaussianVariance s = new GaussianVariance(9, 1);
    long previousL = -1;
    long previousG = -1;
    for (int percent = 10; percent <= 99; percent += 11) {
      Rational c = Rational.of(percent, 100);
      long l = ConfidenceIntervals.laplaceHalfWidth(t, c);
      long g = ConfidenceIntervals.gaussianHalfWidth(s, c);
      assertTrue(l >= previousL && g >= previousG, "coverage " + c);
      assertTrue(laplaceMass(0.2, l) >= percent / 100.0);
      assertTrue(gaussianMass(9, g) >= percent / 100.0);
      previousL = l;
      previousG = g;
    }
  }

  @Test
  void coverage_outsideOpenUnitInterval_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConfidenceIntervals.laplaceHalfWidth(new LaplaceScale(1, 1), Rational.ONE));
    assertEquals("coverage: must be in (0, 1), got 1", e.getMessage());
  }

  /** q^{k+1} as e^{−(k+1)/t} directly: a power of a rounded q would drift for large k. */
  private static double laplaceMass(double inverseScale, long k) {
    return 1 - 2 * Math.exp(-(k + 1.0) * inverseScale) / (1 + Math.exp(-inverseScale));
  }

  /** Naive model: Σ_{|x|≤k} e^{−x²/2σ²} / Σ_x e^{−x²/2σ²}, summed from the tails inwards. */
  private static double gaussianMass(double sigma2, long k) {
    long range = (long) (40 * Math.sqrt(sigma2)) + 40;
    double inside = 0;
    double total = 0;
    for (long x = range; x >= 1; x--) {
      double w = Math.exp(-(double) x * x / (2 * sigma2));
      total += 2 * w;
      if (x <= k) {
        inside += 2 * w;
      }
    }
    return (inside + 1) / (total + 1);
  }
}
