package dev.parley.cleanroom.dp;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact rational number p/q in lowest terms with q &gt; 0, as used for every privacy parameter.
 *
 * <p>Privacy parameters (ε, ρ, δ, noise scales) are never held as floating point: a binary double
 * cannot represent 1/10 or 1/3, and rounding in accounting would make two honest replays of the
 * same spends disagree. The canonical text form ({@link #toString()}, {@link #parse}) is {@code p}
 * for integers and {@code p/q} otherwise, with an optional leading {@code -}; it is what the ledger
 * stores.
 *
 * @param numerator p, any integer
 * @param denominator q, positive and coprime with p (q = 1 when p = 0)
 */
public record Rational(BigInteger numerator, BigInteger denominator)
    implements Comparable<Rational> {

  /** Zero. */
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

  /** One. */
  public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  /** The longest text {@link #parse} accepts. */
  public static final int MAX_TEXT_LENGTH = 400;

  private static final Pattern TEXT = Pattern.compile("-?(0|[1-9][0-9]*)(/[1-9][0-9]*)?");

  /**
   * Checks that the fraction is already in lowest terms with a positive denominator.
   *
   * @throws IllegalArgumentException if it is not; use {@link #of(BigInteger, BigInteger)} to
   *     reduce
   */
  public Rational {
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
    if (denominator.signum() <= 0) {
      throw new IllegalArgumentException("denominator must be positive, got " + denominator);
    }
    if (!numerator.gcd(denominator).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException(
          "not in lowest terms: " + numerator + "/" + denominator + " (use Rational.of)");
    }
  }

  /**
   * Returns p/q reduced to lowest terms.
   *
   * @param p the numerator
   * @param q the denominator, not zero (its sign moves to the numerator)
   * @return the reduced rational
   * @throws ArithmeticException if {@code q} is zero
   */
  public static Rational of(BigInteger p, BigInteger q) {
    if (q.signum() == 0) {
      throw new ArithmeticException("denominator is zero");
    }
    if (q.signum() < 0) {
      p = p.negate();
      q = q.negate();
    }
    BigInteger g = p.gcd(q);
    return g.equals(BigInteger.ONE) ? new Rational(p, q) : new Rational(p.divide(g), q.divide(g));
  }

  /**
   * Returns p/q reduced to lowest terms.
   *
   * @param p the numerator
   * @param q the denominator, not zero
   * @return the reduced rational
   */
  public static Rational of(long p, long q) {
    return of(BigInteger.valueOf(p), BigInteger.valueOf(q));
  }

  /**
   * Returns an integer as a rational.
   *
   * @param n the integer
   * @return n/1
   */
  public static Rational of(long n) {
    return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
  }

  /**
   * Parses the canonical text form: {@code p} or {@code p/q}, optional {@code -}, decimal digits
   * without leading zeros, q &gt; 1, lowest terms, at most {@value #MAX_TEXT_LENGTH} characters.
   *
   * <p>The form is strict so that one value has exactly one spelling in the ledger: {@code 2/4},
   * {@code 3/1}, {@code -0}, {@code +1}, {@code 0.5}, {@code 1e3} and spaces are all rejected.
   *
   * @param text the text
   * @return the value
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static Rational parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "rational longer than " + MAX_TEXT_LENGTH + " characters (" + text.length() + ")");
    }
    if (!TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not a rational: expected p or p/q in decimal digits, got \"" + text + "\"");
    }
    if (text.equals("-0")) {
      throw new IllegalArgumentException("not canonical: \"-0\" (write 0)");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new Rational(new BigInteger(text), BigInteger.ONE);
    }
    BigInteger p = new BigInteger(text.substring(0, slash));
    BigInteger q = new BigInteger(text.substring(slash + 1));
    if (q.equals(BigInteger.ONE)) {
      throw new IllegalArgumentException(
          "not canonical: \"" + text + "\" has denominator 1 (write " + p + ")");
    }
    Rational r = of(p, q);
    if (!r.denominator.equals(q)) {
      throw new IllegalArgumentException("not in lowest terms: \"" + text + "\" (write " + r + ")");
    }
    return r;
  }

  /**
   * Returns the sign.
   *
   * @return -1, 0 or 1
   */
  public int signum() {
    return numerator.signum();
  }

  /**
   * Tells whether the denominator is 1.
   *
   * @return true for integers
   */
  public boolean isInteger() {
    return denominator.equals(BigInteger.ONE);
  }

  /**
   * Returns this + other.
   *
   * @param other the addend
   * @return the exact sum
   */
  public Rational add(Rational other) {
    return of(
        numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  /**
   * Returns this - other.
   *
   * @param other the subtrahend
   * @return the exact difference
   */
  public Rational subtract(Rational other) {
    return add(other.negate());
  }

  /**
   * Returns this × other.
   *
   * @param other the factor
   * @return the exact product
   */
  public Rational multiply(Rational other) {
    return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  /**
   * Returns this / other.
   *
   * @param other the divisor, not zero
   * @return the exact quotient
   * @throws ArithmeticException if {@code other} is zero
   */
  public Rational divide(Rational other) {
    return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
  }

  /**
   * Returns -this.
   *
   * @return the negation
   */
  public Rational negate() {
    return new Rational(numerator.negate(), denominator);
  }

  /**
   * Returns the smaller of this and other.
   *
   * @param other another rational
   * @return the minimum
   */
  public Rational min(Rational other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Rational other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  /**
   * Returns the canonical text form, {@code p} or {@code p/q}.
   *
   * @return the text that {@link #parse} reads back
   */
  @Override
  public String toString() {
    return isInteger() ? numerator.toString() : numerator + "/" + denominator;
  }
}
