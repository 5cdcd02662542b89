package dev.parley.cleanroom.dp;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conversion from ρ-zCDP to (ε, δ)-DP, ε(δ) = ρ + 2·√(ρ·ln(1/δ)), as a certified rational upper
 * bound.
 *
 * <p>Bun &amp; Steinke, "Concentrated Differential Privacy: Simplifications, Extensions, and Lower
 * Bounds" (TCC 2016), Proposition 1.3: "If M provides ρ-zCDP, then M is (ρ + 2√(ρ log(1/δ)), δ)-DP
 * for any δ &gt; 0." ε(δ) is irrational, so the accountant charges a rational that is never
 * smaller: ln(1/δ) is replaced by the smallest L on the 2^−64 grid for which e^{−L} ≤ δ is
 * certified by {@link ExpBounds}, the square root is rounded up with an integer square root, and
 * the sum is rounded up to the 2^−64 grid. The result exceeds the true ε(δ) by at most a few units
 * of 2^−64·(1 + √(ρ/ln(1/δ))), and every replay computes the same bits.
 */
public final class ZcdpConversion {
  /** The grid of results: multiples of 2^−64. */
  public static final int FRACTION_BITS = 64;

  private static final BigInteger GRID = BigInteger.ONE.shiftLeft(FRACTION_BITS);

  /** Memoized ln bounds (a pure function of δ that takes tens of milliseconds). */
  private static final Map<Rational, BigInteger> LN_CACHE = new ConcurrentHashMap<>();

  private static final int LN_CACHE_LIMIT = 256;

  private final Rational delta;
  private final BigInteger lnScaled; // L·2^64 with L ≥ ln(1/δ)

  private ZcdpConversion(Rational delta) {
    this.delta = delta;
    BigInteger cached = LN_CACHE.get(delta);
    if (cached == null) {
      cached = lnInverseUpper(delta);
      if (LN_CACHE.size() >= LN_CACHE_LIMIT) {
        LN_CACHE.clear();
      }
      LN_CACHE.put(delta, cached);
    }
    this.lnScaled = cached;
  }

  /**
   * Returns the conversion for one δ.
   *
   * @param delta δ in (0, 1) with a denominator of at most 128 bits
   * @return the conversion
   * @throws IllegalArgumentException if δ is out of range
   */
  public static ZcdpConversion forDelta(Rational delta) {
    checkDelta(delta);
    return new ZcdpConversion(delta);
  }

  static void checkDelta(Rational delta) {
    Objects.requireNonNull(delta, "delta");
    if (delta.signum() <= 0 || delta.compareTo(Rational.ONE) >= 0) {
      throw new IllegalArgumentException("delta: must be in (0, 1), got " + delta);
    }
    if (delta.denominator().bitLength() > 128) {
      throw new IllegalArgumentException("delta: denominator above 2^128: " + delta);
    }
  }

  /**
   * Returns δ.
   *
   * @return δ
   */
  public Rational delta() {
    return delta;
  }

  /**
   * Returns the upper bound L ≥ ln(1/δ) that the conversion uses.
   *
   * @return L, a multiple of 2^−64
   */
  public Rational lnInverseDeltaUpperBound() {
    return Rational.of(lnScaled, GRID);
  }

  /**
   * Returns a rational ε ≥ ρ + 2·√(ρ·ln(1/δ)) on the 2^−64 grid.
   *
   * @param rho ρ ≥ 0
   * @return the ε this conversion charges for ρ (0 for ρ = 0)
   */
  public Rational epsilonUpperBound(Rational rho) {
    if (rho.signum() < 0) {
      throw new IllegalArgumentException("rho: must be at least 0, got " + rho);
    }
    if (rho.signum() == 0) {
      return Rational.ZERO;
    }
    BigInteger rn = rho.numerator();
    BigInteger rd = rho.denominator();
    BigInteger rhoScaled = ExpBounds.ceilDivide(rn.shiftLeft(FRACTION_BITS), rd);
    // √(ρ·L)·2^64 = √(ρ·L·2^128) = √(rn·lnScaled·2^64 / rd), both roundings upwards.
    BigInteger radicand = ExpBounds.ceilDivide(rn.multiply(lnScaled).shiftLeft(FRACTION_BITS), rd);
    BigInteger root = radicand.sqrt();
    if (root.multiply(root).compareTo(radicand) < 0) {
      root = root.add(BigInteger.ONE);
    }
    return Rational.of(rhoScaled.add(root.shiftLeft(1)), GRID);
  }

  /** The smallest m with e^{−m/2^64} ≤ δ certified; m/2^64 ≥ ln(1/δ). */
  private static BigInteger lnInverseUpper(Rational delta) {
    BigInteger dn = delta.numerator();
    BigInteger dd = delta.denominator();
    int precision = dd.bitLength() + 128;
    BigInteger low = BigInteger.ZERO; // e^0 = 1 > δ: not certified
    BigInteger high = BigInteger.valueOf(dd.bitLength()).shiftLeft(FRACTION_BITS); // e^{−bits}
    if (!certifiedAtMost(high, dn, dd, precision)) {
      throw new IllegalStateException("no certified bound on ln(1/delta) for " + delta);
    }
    while (high.subtract(low).compareTo(BigInteger.ONE) > 0) {
      BigInteger mid = low.add(high).shiftRight(1);
      if (certifiedAtMost(mid, dn, dd, precision)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  private static boolean certifiedAtMost(BigInteger m, BigInteger dn, BigInteger dd, int p) {
    ExpBounds.Interval e = ExpBounds.expNeg(m, GRID, p);
    return e.hi().multiply(dd).compareTo(dn.shiftLeft(p)) <= 0; // hi/2^p ≤ dn/dd
  }

  @Override
  public String toString() {
    return "ZcdpConversion[delta=" + delta + "]";
  }
}
