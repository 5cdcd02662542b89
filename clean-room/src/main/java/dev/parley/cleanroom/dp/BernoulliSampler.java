package dev.parley.cleanroom.dp;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * An exact sampler of Bernoulli(p) for rational p and of Bernoulli(exp(−γ)) for rational γ ≥ 0,
 * using only integer arithmetic and uniformly random bits.
 *
 * <p>Implementation notes (Canonne, Kamath &amp; Steinke, "The Discrete Gaussian for Differential
 * Privacy", NeurIPS 2020, arXiv:2004.00010, §5.1 and Algorithm 1):
 *
 * <ul>
 *   <li>Bernoulli(n/d): "to sample Bernoulli(n/d) it suffices to draw D ∈ {1,2,…,d} uniformly at
 *       random and output 1 if D ≤ n" — here D is drawn from {0, …, d−1} and compared with n.
 *   <li>Algorithm 1, for γ ∈ [0,1]: "Set K ← 1. Repeat: Sample A ← Bernoulli(γ/K). If A = 0, break
 *       the loop. If A = 1, set K ← K+1 and continue the loop. If K is odd, return 1. If K is even,
 *       return 0." Bernoulli(γ/K) with γ = n/d is drawn as Bernoulli(n/d) AND Bernoulli(1/K), two
 *       independent draws whose conjunction has probability exactly n/(dK); this keeps every range
 *       at most max(d, K), so no product d·K can overflow a long.
 *   <li>For γ &gt; 1 the paper's alternative: "independently sample B₀ ← Bernoulli(exp(−(γ−⌊γ⌋)))
 *       and B₁, …, B_⌊γ⌋ ← Bernoulli(exp(−1)) and then output ∏ Bᵢ", stopping at the first 0.
 * </ul>
 *
 * <p>The running time depends on the random outcome (it is not constant-time); see {@code
 * docs/privacy.md} on timing side channels. Instances are thread-safe (calls are serialized).
 */
public final class BernoulliSampler {
  private final RandomBits bits;

  /**
   * Creates a sampler drawing all its randomness from {@code random}.
   *
   * @param random the only source of randomness; a seeded {@code SHA1PRNG} makes tests repeatable
   */
  public BernoulliSampler(SecureRandom random) {
    this.bits = new RandomBits(random);
  }

  /**
   * Draws from Bernoulli(p).
   *
   * @param p a probability in [0, 1] whose denominator fits in a long
   * @return true with probability exactly p
   * @throws IllegalArgumentException if p is outside [0, 1] or its denominator is too large
   */
  public synchronized boolean bernoulli(Rational p) {
    if (p.signum() < 0 || p.compareTo(Rational.ONE) > 0) {
      throw new IllegalArgumentException("p: must be in [0, 1], got " + p);
    }
    return bernoulli(bits, p.numerator().longValueExact(), longDenominator(p, "p"));
  }

  /**
   * Draws from Bernoulli(exp(−γ)).
   *
   * @param gamma γ ≥ 0 whose denominator fits in a long (the numerator may be any size)
   * @return true with probability exactly exp(−γ)
   * @throws IllegalArgumentException if γ is negative or its denominator is too large
   */
  public synchronized boolean bernoulliExp(Rational gamma) {
    if (gamma.signum() < 0) {
      throw new IllegalArgumentException("gamma: must be at least 0, got " + gamma);
    }
    return bernoulliExp(bits, gamma.numerator(), longDenominator(gamma, "gamma"));
  }

  private static long longDenominator(Rational r, String field) {
    if (r.denominator().bitLength() > 63) {
      throw new IllegalArgumentException(field + ": denominator exceeds 2^63-1: " + r);
    }
    return r.denominator().longValueExact();
  }

  /** Bernoulli(n/d) for 0 ≤ n ≤ d, d ≥ 1: uniform D in {0..d−1}, return D &lt; n. */
  static boolean bernoulli(RandomBits bits, long n, long d) {
    return bits.uniform(d) < n;
  }

  /** Algorithm 1: Bernoulli(exp(−n/d)) for 0 ≤ n ≤ d. */
  static boolean bernoulliExpUnit(RandomBits bits, long n, long d) {
    long k = 1;
    // "Sample A ← Bernoulli(γ/K). If A = 0, break the loop. If A = 1, set K ← K+1."
    while (bernoulli(bits, n, d) && bits.uniform(k) == 0) {
      k = Math.addExact(k, 1); // P(K > k) = γ^k/k!: unreachable long before overflow
    }
    // "If K is odd, return 1. If K is even, return 0."
    return (k & 1) == 1;
  }

  /** Bernoulli(exp(−1)), the factor the γ &gt; 1 reduction repeats ⌊γ⌋ times. */
  static boolean bernoulliExpMinusOne(RandomBits bits) {
    return bernoulliExpUnit(bits, 1, 1);
  }

  /** Bernoulli(exp(−n/d)) for n ≥ 0, d ≥ 1. */
  static boolean bernoulliExp(RandomBits bits, long n, long d) {
    long whole = n / d;
    for (long i = 0; i < whole; i++) {
      if (!bernoulliExpMinusOne(bits)) {
        return false;
      }
    }
    return bernoulliExpUnit(bits, n % d, d);
  }

  /** Bernoulli(exp(−n/d)) for a numerator of any size; the whole part is counted exactly. */
  static boolean bernoulliExp(RandomBits bits, BigInteger n, long d) {
    if (n.bitLength() <= 63) {
      return bernoulliExp(bits, n.longValueExact(), d);
    }
    BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(d));
    // Each factor is 1 with probability 1/e, so this loop ends after a few rounds; the counter is
    // a BigInteger only so that the count is exact for any numerator.
    for (BigInteger left = qr[0]; left.signum() > 0; left = left.subtract(BigInteger.ONE)) {
      if (!bernoulliExpMinusOne(bits)) {
        return false;
      }
    }
    return bernoulliExpUnit(bits, qr[1].longValueExact(), d);
  }
}
