package dev.parley.cleanroom.dp;

/**
 * The scale t = numerator/denominator of a discrete Laplace distribution Lap_Z(t), whose PMF is
 * Pr[X = x] = (e^{1/t} − 1)/(e^{1/t} + 1) · e^{−|x|/t} for every integer x.
 *
 * <p>Both parts are bounded by {@link #MAX_PART} (2^30 − 1) so that the sampler's intermediate
 * values fit in a long (see {@link DiscreteLaplaceSampler}). The fraction is kept in lowest terms,
 * so equal scales are equal records.
 *
 * @param numerator t's numerator (the paper's t in Lap_Z(t/s)), 1 to {@link #MAX_PART}
 * @param denominator t's denominator (the paper's s), 1 to {@link #MAX_PART}
 */
public record LaplaceScale(long numerator, long denominator) {
  /** The largest numerator or denominator: 2^30 − 1. */
  public static final long MAX_PART = (1L << 30) - 1;

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if a part is outside [1, 2^30 − 1] or the fraction is not in
   *     lowest terms
   */
  public LaplaceScale {
    checkPart("scale numerator", numerator);
    checkPart("scale denominator", denominator);
    if (gcd(numerator, denominator) != 1) {
      throw new IllegalArgumentException(
          "scale: not in lowest terms: " + numerator + "/" + denominator);
    }
  }

  /**
   * Returns the scale t as a discrete Laplace parameter.
   *
   * @param t a positive rational whose parts (in lowest terms) are at most 2^30 − 1
   * @return the scale
   * @throws IllegalArgumentException if t is not positive or too large/too finely divided
   */
  public static LaplaceScale of(Rational t) {
    if (t.signum() <= 0) {
      throw new IllegalArgumentException("scale: must be positive, got " + t);
    }
    if (t.numerator().bitLength() > 30 || t.denominator().bitLength() > 30) {
      throw new IllegalArgumentException(
          "scale: numerator and denominator must be at most " + MAX_PART + ", got " + t);
    }
    return new LaplaceScale(t.numerator().longValueExact(), t.denominator().longValueExact());
  }

  /**
   * Returns the scale as a rational.
   *
   * @return numerator/denominator
   */
  public Rational toRational() {
    return Rational.of(numerator, denominator);
  }

  @Override
  public String toString() {
    return "LaplaceScale[" + toRational() + "]";
  }

  static void checkPart(String field, long value) {
    if (value < 1 || value > MAX_PART) {
      throw new IllegalArgumentException(
          field + ": must be in [1, " + MAX_PART + "], got " + value);
    }
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long r = a % b;
      a = b;
      b = r;
    }
    return a;
  }
}
