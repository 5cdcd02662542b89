package dev.parley.cleanroom.dp;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One spend of privacy budget, as the ledger keeps it: which collaboration, when, which mechanism
 * and how much (ε for Laplace, ρ for Gaussian).
 *
 * @param collaborationId the collaboration whose budget was spent
 * @param time when the spend was granted (decides its budget period)
 * @param mechanism the mechanism
 * @param amount ε or ρ, positive
 */
public record SpendRecord(
    String collaborationId, Instant time, Mechanism mechanism, Rational amount) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  /**
   * Validates the record.
   *
   * @throws IllegalArgumentException if the id is malformed or the amount not positive
   */
  public SpendRecord {
    Objects.requireNonNull(collaborationId, "collaborationId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(amount, "amount");
    if (!ID.matcher(collaborationId).matches()) {
      throw new IllegalArgumentException(
          "collaborationId: expected 1-128 characters [A-Za-z0-9._:-] starting with a letter or"
              + " digit, got \""
              + collaborationId
              + "\"");
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount: must be positive, got " + amount);
    }
  }

  /**
   * Returns the cost this record charged.
   *
   * @return ε or ρ as a cost
   */
  public QueryCost cost() {
    return QueryCost.of(mechanism, amount);
  }
}
