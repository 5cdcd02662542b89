package dev.parley.consent.model;

import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.Set;

/**
 * What a subject or partner gets back for a recorded change: enough to find and verify the ledger
 * entry (by index, with the ledger's own inclusion proof) without revealing the subject.
 *
 * @param recordId the consent record id
 * @param ledgerIndex the index of the {@code consent.changed} ledger entry
 * @param subjectCommitment the salted subject commitment written on the ledger (64 hex)
 * @param partner the partner id
 * @param purposes the purposes decided
 * @param status the decision
 * @param time the decision time
 * @param policyVersion the notice version
 */
public record ConsentReceipt(
    String recordId,
    long ledgerIndex,
    String subjectCommitment,
    String partner,
    Set<Purpose> purposes,
    ConsentStatus status,
    Instant time,
    String policyVersion) {
  /** Copies {@code purposes}. */
  public ConsentReceipt {
    purposes = Set.copyOf(purposes);
  }
}
