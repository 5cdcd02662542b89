package dev.parley.consent.purpose;

import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The mapping from IAB TCF v2.2 purposes 1-11 to Parley purposes.
 *
 * <p>Every TCF purpose maps to exactly one Parley purpose, except purpose 1 ("Store and/or access
 * information on a device"), which is {@linkplain #NOT_USED not used}: it permits device storage,
 * which Parley never performs, and it grants nothing in the clean room.
 */
public final class TcfPurposes {
  /** The first TCF v2.2 purpose id. */
  public static final int FIRST = 1;

  /** The last TCF v2.2 purpose id. */
  public static final int LAST = 11;

  /** TCF purpose 1 (device storage/access): deliberately mapped to no Parley purpose. */
  public static final int NOT_USED = 1;

  private TcfPurposes() {}

  /**
   * Returns the Parley purpose covering a TCF purpose.
   *
   * @param tcfPurpose 1-11
   * @return the Parley purpose, or empty for purpose 1
   * @throws IllegalArgumentException if {@code tcfPurpose} is outside 1-11
   */
  public static Optional<Purpose> parleyPurpose(int tcfPurpose) {
    if (tcfPurpose < FIRST || tcfPurpose > LAST) {
      throw new IllegalArgumentException("tcfPurpose: must be 1-11 (TCF v2.2), got " + tcfPurpose);
    }
    for (Purpose p : Purpose.all()) {
      if (p.tcfPurposes().contains(tcfPurpose)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Decides whether a Parley purpose is granted by a set of TCF purpose consents: it must cover at
   * least one TCF purpose and every one it covers must have consent.
   *
   * @param purpose the Parley purpose
   * @param tcfConsent whether a TCF purpose id has consent
   * @return true if granted
   */
  public static boolean grants(Purpose purpose, IntPredicate tcfConsent) {
    if (purpose.tcfPurposes().isEmpty()) {
      return false;
    }
    for (int id : purpose.tcfPurposes()) {
      if (!tcfConsent.test(id)) {
        return false;
      }
    }
    return true;
  }
}
