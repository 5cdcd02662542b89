package dev.parley.cleanroom.dp;

import java.util.function.IntToDoubleFunction;
import java.util.function.LongSupplier;

/**
 * A chi-square goodness-of-fit test of an integer sampler against a symmetric reference PMF, with
 * the tails binned so that every expected count is at least 5.
 *
 * <p>Bins: each x in [−K, K] alone, plus (−∞, −K−1] and [K+1, ∞), where K is the largest value with
 * N·p(K) ≥ 5 and N·Pr[X &gt; K] ≥ 5. The reference PMF is normalized over [−R, R] with R chosen so
 * that the omitted mass is below 1e−15.
 *
 * @param statistic the χ² statistic
 * @param degreesOfFreedom bins − 1
 * @param pValue Pr[χ²_df ≥ statistic]
 * @param cutoff K
 */
record GoodnessOfFit(double statistic, int degreesOfFreedom, double pValue, int cutoff) {

  /** Draws n values and tests them against weights w(x) (not necessarily normalized). */
  static GoodnessOfFit test(LongSupplier sampler, IntToDoubleFunction weight, int range, int n) {
    double[] p = new double[2 * range + 1];
    double total = 0;
    for (int x = -range; x <= range; x++) {
      p[x + range] = weight.applyAsDouble(x);
      total += p[x + range];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    int cutoff = 0;
    double above = 1 - p[range]; // Pr[|X| > 0]
    above /= 2; // Pr[X > 0]
    while (cutoff + 1 <= range
        && n * p[range + cutoff + 1] >= 5
        && n * (above - p[range + cutoff + 1]) >= 5) {
      cutoff++;
      above -= p[range + cutoff];
    }
    long[] observed = new long[2 * cutoff + 3]; // [0] = below −K, [last] = above K
    for (int i = 0; i < n; i++) {
      long x = sampler.getAsLong();
      int bin = x < -cutoff ? 0 : x > cutoff ? observed.length - 1 : (int) x + cutoff + 1;
      observed[bin]++;
    }
    double chi2 = 0;
    for (int bin = 0; bin < observed.length; bin++) {
      double expected =
          n * (bin == 0 || bin == observed.length - 1 ? above : p[range + bin - cutoff - 1]);
      double diff = observed[bin] - expected;
      chi2 += diff * diff / expected;
    }
    int df = observed.length - 1;
    return new GoodnessOfFit(chi2, df, ChiSquare.pValue(chi2, df), cutoff);
  }
}
