package dev.parley.cleanroom.dp;

import java.math.BigInteger;

/**
 * Certified bounds on e^{−r} for rational r ≥ 0: integers lo ≤ e^{−r}·2^p ≤ hi, computed with
 * integer arithmetic and directed rounding only.
 *
 * <p>Method: r = n + f with n = ⌊r⌋ and f ∈ [0, 1). For f (and for 1), e^{f} = Σ f^j/j! is summed
 * in fixed point with every term rounded down for the lower sum and up for the upper sum; once an
 * upper term is at most one unit the remaining true terms are at most twice that term, because
 * consecutive terms shrink by f/(j+1) ≤ 1/2. Then e^{−f} ∈ [2^{2p}/U, 2^{2p}/L] (rounded outward)
 * and e^{−n} = (e^{−1})^n by square-and-multiply, rounding products outward. If n ≥ p then e^{−r}
 * &lt; 2^{−n} ≤ 2^{−p} and the bounds are [0, 1]. All work is done with 64 guard bits.
 */
final class ExpBounds {
  private static final int GUARD = 64;

  /**
   * Scaled bounds: lo/2^p ≤ value ≤ hi/2^p.
   *
   * @param lo the lower bound, scaled
   * @param hi the upper bound, scaled
   */
  record Interval(BigInteger lo, BigInteger hi) {}

  private ExpBounds() {}

  /**
   * Bounds e^{−num/den}.
   *
   * @param num the numerator, ≥ 0
   * @param den the denominator, ≥ 1
   * @param precision p, the number of fraction bits
   * @return lo and hi with lo ≤ e^{−num/den}·2^p ≤ hi
   */
  static Interval expNeg(BigInteger num, BigInteger den, int precision) {
    if (num.signum() < 0 || den.signum() <= 0) {
      throw new IllegalArgumentException("need num >= 0 and den > 0, got " + num + "/" + den);
    }
    BigInteger[] qr = num.divideAndRemainder(den);
    if (qr[0].compareTo(BigInteger.valueOf(precision)) >= 0) {
      return new Interval(BigInteger.ZERO, BigInteger.ONE);
    }
    int n = qr[0].intValueExact();
    int p = precision + GUARD;
    Interval result = expNegUnit(qr[1], den, p);
    if (n > 0) {
      result = multiply(result, power(expNegUnit(BigInteger.ONE, BigInteger.ONE, p), n, p), p);
    }
    return new Interval(
        result.lo.shiftRight(GUARD), ceilShift(result.hi, GUARD)); // floor / ceiling
  }

  /** Bounds e^{−a/b} for 0 ≤ a ≤ b at scale 2^p. */
  private static Interval expNegUnit(BigInteger a, BigInteger b, int p) {
    BigInteger one = BigInteger.ONE.shiftLeft(p);
    BigInteger termLo = one;
    BigInteger termHi = one;
    BigInteger sumLo = one;
    BigInteger sumHi = one;
    for (long j = 1; ; j++) {
      BigInteger div = b.multiply(BigInteger.valueOf(j));
      termLo = termLo.multiply(a).divide(div);
      termHi = ceilDivide(termHi.multiply(a), div);
      if (termHi.compareTo(BigInteger.ONE) <= 0) {
        sumHi = sumHi.add(termHi.shiftLeft(1)); // Σ_{i≥j} t_i ≤ 2·t_j
        break;
      }
      sumLo = sumLo.add(termLo);
      sumHi = sumHi.add(termHi);
    }
    BigInteger twoP = BigInteger.ONE.shiftLeft(2 * p);
    return new Interval(twoP.divide(sumHi), ceilDivide(twoP, sumLo));
  }

  private static Interval power(Interval base, int n, int p) {
    BigInteger one = BigInteger.ONE.shiftLeft(p);
    Interval result = new Interval(one, one);
    Interval square = base;
    for (int e = n; e > 0; e >>= 1) {
      if ((e & 1) == 1) {
        result = multiply(result, square, p);
      }
      if (e > 1) {
        square = multiply(square, square, p);
      }
    }
    return result;
  }

  /** Multiplies non-negative scaled intervals, rounding outward. */
  static Interval multiply(Interval x, Interval y, int p) {
    return new Interval(x.lo.multiply(y.lo).shiftRight(p), ceilShift(x.hi.multiply(y.hi), p));
  }

  static BigInteger ceilShift(BigInteger v, int bits) {
    BigInteger floor = v.shiftRight(bits);
    return floor.shiftLeft(bits).equals(v) ? floor : floor.add(BigInteger.ONE);
  }

  static BigInteger ceilDivide(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
