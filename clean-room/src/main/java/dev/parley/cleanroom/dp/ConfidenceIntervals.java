package dev.parley.cleanroom.dp;

import java.math.BigInteger;

/**
 * Exact half-widths of the smallest symmetric integer intervals [−k, k] that hold at least a given
 * probability mass of a noise distribution, computed from the PMF with certified interval
 * arithmetic (no floating point).
 *
 * <p>Mass is compared, not estimated: for each candidate k the inside mass I and outside mass O are
 * bounded by {@link ExpBounds} intervals, and k is accepted only when (1 − c)·I ≥ c·O holds for the
 * bounds (that is, I/(I+O) ≥ c for every value inside them). If the bounds are too wide to decide,
 * the precision is doubled (up to {@value #MAX_PRECISION} bits); an undecided k at that precision
 * counts as not covering, so the returned interval always has mass ≥ c and is the smallest one
 * unless the mass at some k agrees with c to about 4000 bits.
 *
 * <ul>
 *   <li>Lap_Z(t): Pr[|X| &gt; k] = 2q^{k+1}/(1+q) with q = e^{−1/t}, so k covers iff 2q^{k+1} ≤ (1
 *       − c)(1 + q). The smallest such k is found by doubling then bisection (the condition is
 *       monotone in k).
 *   <li>N_Z(0, σ²): weights w(x) = u^{x²} with u = e^{−1/(2σ²)} are walked with w(x+1) = w(x)·v, v
 *       ← v·u² (v = u^{2x+1}); mass beyond M is at most w(M+1)/(1 − u^{2M+3}) since the ratio of
 *       consecutive weights only falls. k is scanned upwards to M = 8σ + 10, beyond which the mass
 *       is below e^{−32}; M doubles if no k up to it covers.
 * </ul>
 */
public final class ConfidenceIntervals {
  /** The coverage Parley reports: 95% = 19/20. */
  public static final Rational NINETY_FIVE_PERCENT = Rational.of(19, 20);

  private static final int START_PRECISION = 128;
  private static final int MAX_PRECISION = 4096;

  private enum Decision {
    COVERS,
    FALLS_SHORT,
    UNDECIDED
  }

  private ConfidenceIntervals() {}

  /**
   * Returns the half-width k of the smallest [−k, k] with Lap_Z(t) mass ≥ coverage.
   *
   * @param scale t
   * @param coverage c in (0, 1)
   * @return k ≥ 0
   */
  public static long laplaceHalfWidth(LaplaceScale scale, Rational coverage) {
    checkCoverage(coverage);
    if (laplaceCovers(scale, coverage, 0)) {
      return 0;
    }
    long low = 0; // falls short
    long high = 1;
    while (!laplaceCovers(scale, coverage, high)) {
      low = high;
      high = Math.multiplyExact(high, 2);
    }
    while (high - low > 1) {
      long mid = low + (high - low) / 2;
      if (laplaceCovers(scale, coverage, mid)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  private static boolean laplaceCovers(LaplaceScale scale, Rational c, long k) {
    BigInteger t = BigInteger.valueOf(scale.numerator());
    BigInteger s = BigInteger.valueOf(scale.denominator());
    BigInteger cn = c.numerator();
    BigInteger cd = c.denominator();
    for (int p = START_PRECISION; p <= MAX_PRECISION; p *= 2) {
      // q = e^{−s/t}; q^{k+1} = e^{−(k+1)s/t}. Covers iff 2·cd·q^{k+1} ≤ (cd − cn)(1 + q).
      ExpBounds.Interval q = ExpBounds.expNeg(s, t, p);
      ExpBounds.Interval qk = ExpBounds.expNeg(s.multiply(BigInteger.valueOf(k + 1)), t, p);
      BigInteger one = BigInteger.ONE.shiftLeft(p);
      BigInteger left = cd.shiftLeft(1);
      BigInteger right = cd.subtract(cn);
      if (left.multiply(qk.hi()).compareTo(right.multiply(one.add(q.lo()))) <= 0) {
        return true;
      }
      if (left.multiply(qk.lo()).compareTo(right.multiply(one.add(q.hi()))) > 0) {
        return false;
      }
    }
    return false; // undecided at the highest precision: conservatively not covering
  }

  /**
   * Returns the half-width k of the smallest [−k, k] with N_Z(0, σ²) mass ≥ coverage.
   *
   * @param sigma2 σ²
   * @param coverage c in (0, 1)
   * @return k ≥ 0
   */
  public static long gaussianHalfWidth(GaussianVariance sigma2, Rational coverage) {
    checkCoverage(coverage);
    // Beyond M = 8σ + 10 the mass is below e^{−32}: far below the ~1/σ mass step between k's.
    long m = 8 * sigma2.floorSigma() + 10;
    int p = START_PRECISION + 2 * (64 - Long.numberOfLeadingZeros(m));
    while (true) {
      long k = gaussianScan(sigma2, coverage, m, p);
      if (k >= 0) {
        return k;
      }
      if (k == -2) { // an undecided k came first: refine the precision and the tail bound
        p *= 2;
      }
      m = Math.multiplyExact(m, 2);
    }
  }

  /**
   * Scans k = 0..m; returns the first covering k, −1 if none covers, −2 if an undecided k came
   * first at a precision that can still be raised (then the caller doubles p and m).
   */
  private static long gaussianScan(GaussianVariance sigma2, Rational c, long m, int p) {
    // u = e^{−1/(2σ²)} = e^{−b/(2a)}
    ExpBounds.Interval u =
        ExpBounds.expNeg(
            BigInteger.valueOf(sigma2.denominator()),
            BigInteger.valueOf(2 * sigma2.numerator()),
            p);
    ExpBounds.Interval u2 = ExpBounds.multiply(u, u, p);
    BigInteger one = BigInteger.ONE.shiftLeft(p);
    // Pass 1: totals of w(1..m) and a bound on the tail beyond m.
    ExpBounds.Interval w = new ExpBounds.Interval(one, one);
    ExpBounds.Interval v = u;
    BigInteger totalLo = BigInteger.ZERO;
    BigInteger totalHi = BigInteger.ZERO;
    for (long x = 1; x <= m; x++) {
      w = ExpBounds.multiply(w, v, p); // w(x) = w(x−1)·u^{2x−1}
      v = ExpBounds.multiply(v, u2, p); // v = u^{2x+1}
      totalLo = totalLo.add(w.lo());
      totalHi = totalHi.add(w.hi());
    }
    ExpBounds.Interval next = ExpBounds.multiply(w, v, p); // w(m+1) = w(m)·u^{2m+1}
    ExpBounds.Interval ratio = ExpBounds.multiply(v, u2, p); // u^{2m+3} ≥ w(x+1)/w(x), x > m
    if (ratio.hi().compareTo(one) >= 0) {
      return -1; // no usable tail bound yet: widen the range
    }
    BigInteger tailHi = ExpBounds.ceilDivide(next.hi().shiftLeft(p), one.subtract(ratio.hi()));
    // Pass 2: prefix sums; k covers iff (cd − cn)·I ≥ cn·O with I = 1 + 2·S(k), O = 2·(T − S(k)).
    BigInteger cn = c.numerator();
    BigInteger keep = c.denominator().subtract(cn);
    w = new ExpBounds.Interval(one, one);
    v = u;
    BigInteger prefixLo = BigInteger.ZERO;
    BigInteger prefixHi = BigInteger.ZERO;
    boolean undecidedSeen = false;
    for (long k = 0; k <= m; k++) {
      if (k > 0) {
        w = ExpBounds.multiply(w, v, p);
        v = ExpBounds.multiply(v, u2, p);
        prefixLo = prefixLo.add(w.lo());
        prefixHi = prefixHi.add(w.hi());
      }
      BigInteger insideLo = one.add(prefixLo.shiftLeft(1));
      BigInteger insideHi = one.add(prefixHi.shiftLeft(1));
      BigInteger outsideLo = totalLo.subtract(prefixLo).shiftLeft(1);
      BigInteger outsideHi = totalHi.subtract(prefixHi).add(tailHi).shiftLeft(1);
      Decision d;
      if (keep.multiply(insideLo).compareTo(cn.multiply(outsideHi)) >= 0) {
        d = Decision.COVERS;
      } else if (keep.multiply(insideHi).compareTo(cn.multiply(outsideLo)) < 0) {
        d = Decision.FALLS_SHORT;
      } else {
        d = Decision.UNDECIDED;
      }
      if (d == Decision.COVERS) {
        return undecidedSeen && p < MAX_PRECISION ? -2 : k;
      }
      undecidedSeen |= d == Decision.UNDECIDED;
    }
    return undecidedSeen && p < MAX_PRECISION ? -2 : -1;
  }

  private static void checkCoverage(Rational coverage) {
    if (coverage.signum() <= 0 || coverage.compareTo(Rational.ONE) >= 0) {
      throw new IllegalArgumentException("coverage: must be in (0, 1), got " + coverage);
    }
  }
}
