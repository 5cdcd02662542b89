package dev.parley.consent.model;

import java.util.Objects;

/**
 * A stored consent decision with the index of the ledger entry that records it.
 *
 * @param decision the decision
 * @param ledgerIndex the index of its {@code consent.changed} entry (or of the batch entry for a
 *     bulk import)
 */
public record ConsentRecord(ConsentDecision decision, long ledgerIndex) {
  /** Validates the fields. */
  public ConsentRecord {
    Objects.requireNonNull(decision, "decision");
    if (ledgerIndex < 0) {
      throw new IllegalArgumentException("ledgerIndex: must be >= 0, got " + ledgerIndex);
    }
  }
}
