package dev.parley.cleanroom.dp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An exact sampler of the discrete Gaussian distribution N_Z(0, σ²) for a rational σ², using only
 * integer arithmetic and bits from an injected {@link SecureRandom} (no floating point: see {@link
 * DiscreteLaplaceSampler} for the attack that motivates this).
 *
 * <p>Implementation notes (Canonne, Kamath &amp; Steinke, arXiv:2004.00010, Algorithm 3):
 *
 * <pre>
 * "Set t ← ⌊σ⌋ + 1."
 * "Repeat: Sample Y ← Lap_Z(t)."
 *   "Sample C ← Bernoulli(exp(−(|Y| − σ²/t)²/2σ²))."
 *   "If C = 0, reject and restart. If C = 1, return Y as output."
 * </pre>
 *
 * <p>With σ² = a/b the rejection exponent is the rational (b·t·|Y| − a)² / (2·a·b·t²). Its
 * denominator is fixed per sampler and below 2^63 because a, b &lt; 2^30 and t ≤ √(a/b) + 1 give
 * a·b·t² ≤ a² + 2a√(ab) + ab &lt; 2^62; it is computed once with {@link Math#multiplyExact}. The
 * numerator grows with |Y|; it is computed in a long while provably in range ({@link
 * Math#multiplyHigh} is zero) and as a {@link BigInteger} beyond, which the rejection then handles
 * with an exact BigInteger count of its whole part ({@link BernoulliSampler}).
 *
 * <p>Running time depends on the random outcome. Instances are thread-safe (calls are serialized).
 */
public final class DiscreteGaussianSampler {
  /** ⌊√(2^63 − 1)⌋: the largest m with m² ≤ Long.MAX_VALUE. */
  private static final long MAX_SQUARABLE = 3_037_000_499L;

  private final GaussianVariance sigma2;
  private final RandomBits bits;
  private final long t;
  private final long bt;
  private final long denominator;

  /**
   * Creates a sampler.
   *
   * @param sigma2 the parameter σ²
   * @param random the only source of randomness
   */
  public DiscreteGaussianSampler(GaussianVariance sigma2, SecureRandom random) {
    this.sigma2 = Objects.requireNonNull(sigma2, "sigma2");
    this.bits = new RandomBits(random);
    long a = sigma2.numerator();
    long b = sigma2.denominator();
    this.t = sigma2.floorSigma() + 1; // "Set t ← ⌊σ⌋ + 1."
    this.bt = Math.multiplyExact(b, t);
    this.denominator = Math.multiplyExact(Math.multiplyExact(2 * a, bt), t);
  }

  /**
   * Returns σ².
   *
   * @return the parameter
   */
  public GaussianVariance sigma2() {
    return sigma2;
  }

  /**
   * Draws one value.
   *
   * @return an integer distributed exactly as N_Z(0, σ²)
   */
  public synchronized long sample() {
    long a = sigma2.numerator();
    while (true) {
      long y = DiscreteLaplaceSampler.sample(bits, t, 1); // "Sample Y ← Lap_Z(t)."
      long absY = Math.abs(y);
      boolean accept;
      if (Math.multiplyHigh(bt, absY) == 0 && bt * absY >= 0) {
        long m = Math.abs(bt * absY - a); // |b·t·|Y| − a|, no overflow: both terms ≥ 0
        accept =
            m <= MAX_SQUARABLE
                ? BernoulliSampler.bernoulliExp(bits, m * m, denominator)
                : BernoulliSampler.bernoulliExp(bits, square(m), denominator);
      } else {
        BigInteger m = BigInteger.valueOf(bt).multiply(BigInteger.valueOf(absY));
        accept =
            BernoulliSampler.bernoulliExp(
                bits, m.subtract(BigInteger.valueOf(a)).pow(2), denominator);
      }
      if (accept) { // "If C = 1, return Y as output."
        return y;
      }
    }
  }

  private static BigInteger square(long m) {
    BigInteger v = BigInteger.valueOf(m);
    return v.multiply(v);
  }
}
