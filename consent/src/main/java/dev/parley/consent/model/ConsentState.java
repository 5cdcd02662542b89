package dev.parley.consent.model;

import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.Optional;

/**
 * The effective consent for one (partner, purpose) of a subject at a given instant: the latest
 * decision, read as {@link ConsentStatus#EXPIRED} once its expiry time has passed.
 *
 * @param partner the partner id
 * @param purpose the purpose
 * @param status the effective status
 * @param since when the latest decision was made
 * @param expires the latest decision's expiry, if any
 * @param recordId the latest decision's record id
 * @param ledgerIndex the latest decision's ledger index
 */
public record ConsentState(
    String partner,
    Purpose purpose,
    ConsentStatus status,
    Instant since,
    Optional<Instant> expires,
    String recordId,
    long ledgerIndex) {

  /**
   * Derives the state of one purpose from the latest record covering it.
   *
   * <p>ISO/IEC TS 27560 and DPV ({@code dpv:ConsentExpired}: "the temporal or contextual validity
   * of consent has 'expired'") treat a lapsed consent as invalid for processing: a given consent
   * reads as expired from its expiry instant on ({@code now >= expires}).
   *
   * @param latest the latest record covering {@code purpose}
   * @param purpose the purpose
   * @param now the instant to evaluate at
   * @return the state
   */
  public static ConsentState of(ConsentRecord latest, Purpose purpose, Instant now) {
    ConsentDecision d = latest.decision();
    ConsentStatus s = d.status();
    if (s == ConsentStatus.GIVEN && d.expires().isPresent() && !now.isBefore(d.expires().get())) {
      s = ConsentStatus.EXPIRED;
    }
    return new ConsentState(
        d.partner(), purpose, s, d.time(), d.expires(), d.recordId(), latest.ledgerIndex());
  }

  /**
   * Returns whether processing is allowed.
   *
   * @return true if the effective status is {@link ConsentStatus#GIVEN}
   */
  public boolean active() {
    return status == ConsentStatus.GIVEN;
  }
}
