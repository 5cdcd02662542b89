package dev.parley.consent.journal;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a {@code consent.changed} ledger entry, in Parley terms: everything about a decision
 * except the subject, which appears only as its salted commitment.
 *
 * @param subjectCommitment 64 lowercase hex characters
 * @param partner the partner id
 * @param purposes purpose wire names, in taxonomy order
 * @param status the status wire name
 * @param policyVersion the notice version
 * @param source the collection method wire name
 * @param recordId the consent record id
 * @param expires the expiry, if any
 */
public record ConsentChange(
    String subjectCommitment,
    String partner,
    List<String> purposes,
    String status,
    String policyVersion,
    String source,
    String recordId,
    Optional<Instant> expires) {
  /** Copies the purposes and checks presence. */
  public ConsentChange {
    Objects.requireNonNull(subjectCommitment, "subjectCommitment");
    purposes = List.copyOf(purposes);
    Objects.requireNonNull(expires, "expires");
  }

  /**
   * Describes a decision for the ledger.
   *
   * @param d the decision
   * @param commitment the subject's commitment (hex)
   * @return the change
   */
  public static ConsentChange of(ConsentDecision d, String commitment) {
    return new ConsentChange(
        commitment,
        d.partner(),
        d.purposes().stream().map(Purpose::wireName).toList(),
        d.status().wireName(),
        d.policyVersion(),
        d.source().wireName(),
        d.recordId(),
        d.expires());
  }
}
