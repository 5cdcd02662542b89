package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * How a differentially private output was protected: the query's cost, how it was split, the
 * contribution bound, the noisy threshold and what is left of the budget.
 *
 * <pre>{@code
 * {"mechanism": "laplace", "epsilon": "1", "statistics": 3, "maxGroupsPerSubject": 2,
 *  "threshold": 10, "selectionDelta": "17/1180591620717411303424", "remainingBudget": "9"}
 * }</pre>
 *
 * @param mechanism the mechanism
 * @param cost ε (laplace) or ρ (gaussian) the query spent
 * @param statistics how many statistics shared the cost equally (each got cost/statistics)
 * @param maxGroupsPerSubject the contribution bound L the sensitivities assume (1 without groups)
 * @param threshold k, applied to noisy subject counts
 * @param selectionDelta for a grouped query, an upper bound on the probability that a group holding
 *     one subject is released (the δ of releasing data-dependent group keys)
 * @param remainingBudget ε left in the budget period after this query
 */
public record ReleasePrivacy(
    Mechanism mechanism,
    Rational cost,
    int statistics,
    int maxGroupsPerSubject,
    long threshold,
    Optional<Rational> selectionDelta,
    Rational remainingBudget) {
  /** Validates the parts. */
  public ReleasePrivacy {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(selectionDelta, "selectionDelta");
    Objects.requireNonNull(remainingBudget, "remainingBudget");
    if (statistics < 1 || maxGroupsPerSubject < 1 || threshold < 0) {
      throw new IllegalArgumentException("statistics, maxGroupsPerSubject and threshold invalid");
    }
  }

  /**
   * Returns the JSON form; amounts are exact rational strings.
   *
   * @return the object
   */
  public JsonObject toJson() {
    return JsonObject.builder()
        .put("mechanism", mechanism.wireName())
        .put(mechanism == Mechanism.LAPLACE ? "epsilon" : "rho", cost.toString())
        .put("statistics", statistics)
        .put("maxGroupsPerSubject", maxGroupsPerSubject)
        .put("threshold", threshold)
        .put(
            "selectionDelta",
            selectionDelta
                .<JsonValue>map(d -> JsonString.of(d.toString()))
                .orElse(JsonNull.INSTANCE))
        .put("remainingBudget", remainingBudget.toString())
        .build();
  }
}
