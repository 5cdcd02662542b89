package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tail bounds against the exact PMFs summed in floating point (a reference model). */
class TailBoundsTest {
  private static double value(Rational r) {
    return r.numerator().doubleValue() / r.denominator().doubleValue();
  }

  /** Pr[Z ≥ m] for Lap_Z(t): q^m/(1+q), m ≥ 1. */
  private static double laplaceTail(double t, long m) {
    double q = Math.exp(-1 / t);
    return Math.pow(q, (double) m) / (1 + q);
  }

  /** Pr[Z ≥ m] for N_Z(0, s2), by summing the normalized PMF. */
  private static double gaussianTail(double s2, long m) {
    double total = 0;
    double tail = 0;
    long limit = (long) (60 * Math.sqrt(s2)) + 60;
    for (long x = -limit; x <= limit; x++) {
      double w = Math.exp(-(double) x * x / (2 * s2));
      total += w;
      if (x >= m) {
        tail += w;
      }
    }
    return tail / total;
  }

  @Test
  void laplaceAtLeast_boundsTheExactTailTightly() {
    for (String t : new String[] {"1", "3/2", "10", "2/5", "40"}) {
      LaplaceScale scale = LaplaceScale.of(Rational.parse(t));
      double td = value(scale.toRational());
      for (long m = 1; m <= 60; m++) {
        double bound = value(TailBounds.laplaceAtLeast(scale, m));
        double exact = laplaceTail(td, m);
        assertTrue(bound >= exact, "t=" + t + " m=" + m);
        double q = Math.exp(-1 / td);
        // the bound is q^m; exact is q^m/(1+q): within that factor (plus the 2^-64 grid)
        assertTrue(bound <= exact * (1 + q) * (1 + 1e-12) + 0x1p-63, "t=" + t + " m=" + m);
      }
    }
  }

  @Test
  void gaussianAtLeast_boundsTheExactTail() {
    for (String s2 : new String[] {"1", "4", "25", "2/3", "400"}) {
      GaussianVariance v = GaussianVariance.of(Rational.parse(s2));
      double sd = value(v.toRational());
      for (long m = 1; m <= 80; m++) {
        double bound = value(TailBounds.gaussianAtLeast(v, m));
        double exact = gaussianTail(sd, m);
        assertTrue(bound >= exact, "s2=" + s2 + " m=" + m + ": " + bound + " < " + exact);
        double chernoff = Math.exp(-(double) m * m / (2 * sd));
        assertTrue(bound <= chernoff * (1 + 1e-12) + 0x1p-62, "s2=" + s2 + " m=" + m);
      }
    }
  }

  @Test
  void atLeast_nonPositiveThreshold_isOne() {
    assertEquals(Rational.ONE, TailBounds.laplaceAtLeast(LaplaceScale.of(Rational.ONE), 0));
    assertEquals(Rational.ONE, TailBounds.gaussianAtLeast(GaussianVariance.of(Rational.ONE), -3));
  }

  @Test
  void atLeast_farTail_neverZero() {
    Rational r = TailBounds.laplaceAtLeast(LaplaceScale.of(Rational.ONE), 100_000);
    assertTrue(r.signum() > 0);
  }
}
