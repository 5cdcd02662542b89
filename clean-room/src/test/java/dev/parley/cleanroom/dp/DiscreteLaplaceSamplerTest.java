package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Algorithm 2 against the exact PMF Pr[X = x] ∝ e^{−|x|/t}: chi-square goodness of fit with one
 * million draws per scale, a fixed seed, and a threshold of p &gt; 1e−4.
 */
class DiscreteLaplaceSamplerTest {
  static final int DRAWS = 1_000_000;
  static final double MIN_P_VALUE = 1e-4;

  @ParameterizedTest(name = "t = {0}/{1}")
  @CsvSource({"1, 1", "3, 2", "10, 1", "2, 5"})
  void sample_millionDraws_fitExactPmf(long num, long den) {
    DiscreteLaplaceSampler sampler =
        new DiscreteLaplaceSampler(new LaplaceScale(num, den), Seeded.random(20_200_401L + num));
    GoodnessOfFit fit = GoodnessOfFit.test(sampler::sample, laplaceWeight(num, den), 4000, DRAWS);
    assertTrue(fit.degreesOfFreedom() >= 4, "bins: " + fit);
    assertTrue(fit.pValue() > MIN_P_VALUE, "t = " + num + "/" + den + ": " + fit);
  }

  @Test
  void sample_wrongReferenceScale_isRejected() {
    // The same test must be able to fail: scale 1 draws against the PMF of scale 21/20.
    DiscreteLaplaceSampler sampler =
        new DiscreteLaplaceSampler(new LaplaceScale(1, 1), Seeded.random(7));
    GoodnessOfFit fit = GoodnessOfFit.test(sampler::sample, laplaceWeight(21, 20), 4000, DRAWS);
    assertTrue(fit.pValue() < MIN_P_VALUE, fit.toString());
  }

  @Test
  void sample_sameSeed_sameSequence() {
    LaplaceScale scale = new LaplaceScale(7, 3);
    long[] a = draws(new DiscreteLaplaceSampler(scale, Seeded.random(42)), 1000);
    long[] b = draws(new DiscreteLaplaceSampler(scale, Seeded.random(42)), 1000);
    long[] c = draws(new DiscreteLaplaceSampler(scale, Seeded.random(43)), 1000);
    assertEquals(LongStream.of(a).boxed().toList(), LongStream.of(b).boxed().toList());
    assertNotEquals(LongStream.of(a).boxed().toList(), LongStream.of(c).boxed().toList());
  }

  @Test
  void sample_largestScale_staysInRange() {
    long max = LaplaceScale.MAX_PART;
    DiscreteLaplaceSampler sampler =
        new DiscreteLaplaceSampler(new LaplaceScale(max, 1), Seeded.random(3));
    long sumAbs = 0;
    for (int i = 0; i < 2000; i++) {
      sumAbs += Math.abs(sampler.sample());
    }
    // E|X| ≈ t for large t; 2000 draws keep the mean within a few percent.
    double meanAbs = sumAbs / 2000.0;
    assertTrue(meanAbs > 0.85 * max && meanAbs < 1.15 * max, "mean |X| = " + meanAbs);
  }

  @Test
  void scale_outOfRange_rejectedWithField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LaplaceScale(0, 1));
    assertEquals("scale numerator: must be in [1, 1073741823], got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LaplaceScale(4, 2));
    assertEquals("scale: not in lowest terms: 4/2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> LaplaceScale.of(Rational.of(1L << 30, 1)));
    assertEquals(
        "scale: numerator and denominator must be at most 1073741823, got 1073741824",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LaplaceScale.of(Rational.of(-1, 2)));
    assertEquals("scale: must be positive, got -1/2", e.getMessage());
    assertEquals(new LaplaceScale(3, 2), LaplaceScale.of(Rational.of(6, 4)));
  }

  static java.util.function.IntToDoubleFunction laplaceWeight(long num, long den) {
    double inverseScale = (double) den / num;
    return x -> Math.exp(-Math.abs(x) * inverseScale);
  }

  static long[] draws(DiscreteLaplaceSampler sampler, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = sampler.sample();
    }
    return out;
  }
}
