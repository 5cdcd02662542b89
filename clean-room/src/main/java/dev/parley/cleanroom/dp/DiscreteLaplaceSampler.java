package dev.parley.cleanroom.dp;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * An exact sampler of the discrete Laplace distribution Lap_Z(t) for a rational scale t, using only
 * integer arithmetic and bits from an injected {@link SecureRandom}.
 *
 * <p><b>Why no floating point.</b> Mironov ("On Significance of the Least Significant Bits for
 * Differential Privacy", ACM CCS 2012) showed that the textbook Laplace mechanism, implemented as
 * {@code f(D) + scale·(−sign·ln U)} with U a uniform double, is not differentially private at all:
 * the doubles a floating-point logarithm and multiplication can produce are unevenly spaced and
 * "porous", so the set of outputs reachable from f(D) and the set reachable from a neighbouring
 * f(D') largely differ. One released value then often reveals which input it came from — its low
 * order bits identify f(D) exactly — and Mironov reconstructed whole databases this way while the
 * accounting reported a small ε. Here the output is an integer whose distribution is exactly the
 * PMF below, so neighbouring inputs reach every output, with probabilities in the ratio the proof
 * assumes. Nothing in this package uses {@code float} or {@code double}; a test scans the sources.
 *
 * <p>Implementation notes (Canonne, Kamath &amp; Steinke, arXiv:2004.00010, Algorithm 2), for t =
 * numerator/denominator, the paper's Lap_Z(t/s):
 *
 * <pre>
 * Repeat:
 *   "Sample U ∈ {0, 1, …, t−1} uniformly at random."
 *   "Sample D ← Bernoulli(exp(−U/t)). If D = 0, reject and restart."
 *   "Initialize V ← 0. Repeat: Sample A ← Bernoulli(exp(−1)). If A = 0, break. If A = 1, V ← V+1."
 *   "Set X ← U + t·V."  "Set Y ← ⌊X/s⌋."  "Sample B ← Bernoulli(1/2)."
 *   "If B = 1 and Y = 0, reject and restart."
 *   "return Z ← (1 − 2B)·Y."
 * </pre>
 *
 * <p>Overflow: U &lt; t ≤ 2^30 and Bernoulli(exp(−U/t)) takes denominators ≤ 2^30. X = U + t·V
 * leaves the long range only when V &gt; 2^33, an event of probability e^{−2^33}; {@link
 * Math#multiplyExact} would turn it into an {@link ArithmeticException} rather than a wrong value.
 *
 * <p>The PMF is Pr[Z = z] = (e^{1/t} − 1)/(e^{1/t} + 1) · e^{−|z|/t}. Running time depends on the
 * random outcome. Instances are thread-safe (calls are serialized).
 */
public final class DiscreteLaplaceSampler {
  private final LaplaceScale scale;
  private final RandomBits bits;

  /**
   * Creates a sampler.
   *
   * @param scale the scale t
   * @param random the only source of randomness
   */
  public DiscreteLaplaceSampler(LaplaceScale scale, SecureRandom random) {
    this.scale = Objects.requireNonNull(scale, "scale");
    this.bits = new RandomBits(random);
  }

  /**
   * Returns the scale t.
   *
   * @return the scale
   */
  public LaplaceScale scale() {
    return scale;
  }

  /**
   * Draws one value.
   *
   * @return an integer distributed exactly as Lap_Z(t)
   */
  public synchronized long sample() {
    return sample(bits, scale.numerator(), scale.denominator());
  }

  /** Algorithm 2 for scale t/s with 1 ≤ t, s ≤ 2^30 − 1. */
  static long sample(RandomBits bits, long t, long s) {
    while (true) {
      long u = bits.uniform(t);
      if (!BernoulliSampler.bernoulliExpUnit(bits, u, t)) {
        continue;
      }
      long v = 0;
      while (BernoulliSampler.bernoulliExpMinusOne(bits)) {
        v++;
      }
      long x = Math.addExact(u, Math.multiplyExact(t, v));
      long y = x / s;
      boolean negative = bits.bit();
      if (negative && y == 0) {
        continue;
      }
      return negative ? -y : y;
    }
  }
}
