package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.dp.ConfidenceIntervals;
import dev.parley.cleanroom.dp.DiscreteGaussianMechanism;
import dev.parley.cleanroom.dp.DiscreteLaplaceMechanism;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.NoisyValue;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.TailBounds;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The noise added to one statistic of a query (every group's subject count, say), with the share of
 * the query's cost it was given.
 *
 * <p>Calibration, for a statistic whose value in one group changes by at most c when one subject is
 * added or removed, and which that subject can change in at most L groups:
 *
 * <ul>
 *   <li>laplace with share ε′: the vector of the statistic over all groups has L1 sensitivity L·c,
 *       so Lap_Z(L·c/ε′) per group is ε′-DP (Canonne, Kamath &amp; Steinke, arXiv:2004.00010: the
 *       discrete Laplace mechanism with scale Δ/ε is ε-DP for L1 sensitivity Δ);
 *   <li>gaussian with share ρ′: the vector has L2 sensitivity √L·c, so N_Z(0, σ²) per group with σ²
 *       = L·c²/(2ρ′) is ρ′-zCDP (same paper: "½(Δ/σ)²-concentrated DP" for L2 sensitivity Δ).
 * </ul>
 *
 * <p>A scalar statistic (the number of groups) is the case L = 1 with c its own sensitivity.
 */
final class StatisticNoise {
  private final Mechanism mechanism;
  private final Rational scale;
  private final LongFunction<NoisyValue> release;
  private final DiscreteLaplaceMechanism laplace;
  private final DiscreteGaussianMechanism gaussian;
  private final ConcurrentHashMap<Rational, Long> halfWidths = new ConcurrentHashMap<>();

  private StatisticNoise(DiscreteLaplaceMechanism laplace, DiscreteGaussianMechanism gaussian) {
    this.laplace = laplace;
    this.gaussian = gaussian;
    if (laplace != null) {
      this.mechanism = Mechanism.LAPLACE;
      this.scale = laplace.scale().toRational();
      this.release = laplace::release;
    } else {
      this.mechanism = Mechanism.GAUSSIAN;
      this.scale = gaussian.sigma2().toRational();
      this.release = gaussian::release;
    }
  }

  /**
   * Calibrates noise for a statistic.
   *
   * @param mechanism the collaboration's mechanism
   * @param share ε′ (laplace) or ρ′ (gaussian) given to this statistic
   * @param groups L, the most groups one subject changes the statistic in
   * @param perGroup c ≥ 1, the most one subject changes it in one group
   * @param random the randomness
   * @return the noise
   * @throws IllegalArgumentException if the resulting scale does not fit the samplers' range
   */
  static StatisticNoise calibrate(
      Mechanism mechanism, Rational share, long groups, long perGroup, SecureRandom random) {
    return switch (mechanism) {
      case LAPLACE ->
          new StatisticNoise(
              DiscreteLaplaceMechanism.create(Math.multiplyExact(groups, perGroup), share, random),
              null);
      case GAUSSIAN -> {
        Rational c = Rational.of(perGroup);
        Rational sigma2 =
            Rational.of(groups).multiply(c).multiply(c).divide(share.multiply(Rational.of(2)));
        yield new StatisticNoise(
            null, DiscreteGaussianMechanism.withVariance(perGroup, sigma2, random));
      }
    };
  }

  Mechanism mechanism() {
    return mechanism;
  }

  /** t for laplace, σ² for gaussian. */
  Rational scale() {
    return scale;
  }

  /** Adds fresh noise to a true value; the result carries the 95% interval. */
  NoisyValue release(long trueValue) {
    return release.apply(trueValue);
  }

  /** The smallest k with Pr[|noise| ≤ k] ≥ coverage (computed once per coverage). */
  long halfWidth(Rational coverage) {
    return halfWidths.computeIfAbsent(
        coverage,
        c ->
            laplace != null
                ? ConfidenceIntervals.laplaceHalfWidth(laplace.scale(), c)
                : ConfidenceIntervals.gaussianHalfWidth(gaussian.sigma2(), c));
  }

  /** An upper bound on Pr[noise ≥ m]. */
  Rational tailAtLeast(long m) {
    return laplace != null
        ? TailBounds.laplaceAtLeast(laplace.scale(), m)
        : TailBounds.gaussianAtLeast(gaussian.sigma2(), m);
  }
}
