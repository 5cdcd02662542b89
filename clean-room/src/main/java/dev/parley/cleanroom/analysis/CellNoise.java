package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * The noise in one released cell and a 95% confidence interval for the cell's true value.
 *
 * <p>Counts and sums carry integer noise with the given scale (t of Lap_Z(t), or σ² of N_Z(0, σ²)),
 * and their interval is [value − k, value + k] with Pr[|noise| ≤ k] ≥ 95% exactly. A mean is a
 * noisy sum divided by a noisy count of values: {@code scale} is the sum's, {@code
 * denominatorScale} the count's, and the interval combines a 97.5% interval of each (a union bound
 * gives ≥ 95% for both together), clipped to the metric's bounds. Intervals depend only on public
 * parameters and the noisy values, so they cost no privacy.
 *
 * @param mechanism the mechanism that added the noise
 * @param scale the noise parameter: t (laplace) or σ² (gaussian)
 * @param denominatorScale for a mean, the noise parameter of its count of values
 * @param low the interval's lower end
 * @param high the interval's upper end
 */
public record CellNoise(
    Mechanism mechanism,
    Rational scale,
    Optional<Rational> denominatorScale,
    double low,
    double high) {
  /**
   * Validates the interval.
   *
   * @throws IllegalArgumentException if an end is not finite or low &gt; high
   */
  public CellNoise {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(denominatorScale, "denominatorScale");
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw new IllegalArgumentException("interval [" + low + ", " + high + "] is not valid");
    }
  }

  /**
   * Returns the JSON form: {@code {"mechanism":"laplace","scale":"6","interval95":[102,138]}} (plus
   * {@code denominatorScale} for a mean).
   *
   * @return the object
   */
  public JsonObject toJson() {
    JsonObject.Builder b =
        JsonObject.builder()
            .put("mechanism", mechanism.wireName())
            .put("scale", scale.toString())
            .put("interval95", JsonArray.of(JsonNumber.of(low), JsonNumber.of(high)));
    denominatorScale.ifPresent(d -> b.put("denominatorScale", d.toString()));
    return b.build();
  }
}
