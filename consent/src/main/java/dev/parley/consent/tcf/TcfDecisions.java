package dev.parley.consent.tcf;

import com.iabtcf.decoder.TCString;
import com.iabtcf.exceptions.TCStringDecodeException;
import com.iabtcf.utils.IntIterable;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.purpose.TcfPurposes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one IAB TCF v2.2 TC string into consent decisions for one partner; pure (no I/O).
 *
 * <p>The string is decoded with the IAB's own library ({@code com.iabtcf.decoder.TCString}). Per
 * the TCF v2.2 technical specification ("Consent string and vendor list formats v2", core segment):
 * {@code Version} must be 2, {@code TcfPolicyVersion} must be 4 or later (4 is TCF v2.2), {@code
 * PurposesConsent} holds the purposes with consent, {@code VendorConsent} the vendors with consent.
 * A Parley purpose is granted when every TCF purpose it covers has consent and, if the partner has
 * a registered TCF vendor id, that vendor has consent; every other TCF-mapped Parley purpose is
 * refused. Purpose 1 and purposes without a TCF mapping are left unchanged. The decision time is
 * the string's {@code LastUpdated}; the policy version names the TCF policy and Global Vendor List
 * versions the person saw.
 */
public final class TcfDecisions {
  /** The earliest TCF policy version of TCF v2.2. */
  public static final int MIN_POLICY_VERSION = 4;

  private TcfDecisions() {}

  /**
   * Decodes a TC string and derives the decisions.
   *
   * @param subject the subject the string belongs to
   * @param tcString the TC string (core segment first, optional further segments)
   * @param partner the partner the decisions are for
   * @param validity how long a grant stays valid from {@code LastUpdated}, or null for no expiry
   * @return a given decision (if any purpose is granted) then a refused one (if any is refused)
   * @throws InvalidTcStringException saying why the string was rejected
   */
  public static List<ConsentDecision> decide(
      SubjectToken subject, String tcString, Partner partner, Duration validity) {
    if (tcString == null || tcString.isBlank()) {
      throw new InvalidTcStringException("empty TC string");
    }
    Instant updated;
    int policy;
    int gvl;
    Set<Purpose> granted = EnumSet.noneOf(Purpose.class);
    Set<Purpose> refused = EnumSet.noneOf(Purpose.class);
    try {
      TCString tc = TCString.decode(tcString.trim());
      if (tc.getVersion() != 2) {
        throw new InvalidTcStringException(
            "TC string version " + tc.getVersion() + " is not TCF v2");
      }
      policy = tc.getTcfPolicyVersion();
      if (policy < MIN_POLICY_VERSION) {
        throw new InvalidTcStringException(
            "TcfPolicyVersion "
                + policy
                + " predates TCF v2.2 (needs "
                + MIN_POLICY_VERSION
                + " or later)");
      }
      updated = tc.getLastUpdated();
      gvl = tc.getVendorListVersion();
      IntIterable purposes = tc.getPurposesConsent();
      boolean vendorOk =
          partner.tcfVendorId().isEmpty()
              || tc.getVendorConsent().contains(partner.tcfVendorId().getAsInt());
      for (Purpose p : Purpose.all()) {
        if (p.tcfPurposes().isEmpty()) {
          continue;
        }
        if (vendorOk && TcfPurposes.grants(p, purposes::contains)) {
          granted.add(p);
        } else {
          refused.add(p);
        }
      }
    } catch (InvalidTcStringException e) {
      throw e;
    } catch (TCStringDecodeException | IllegalArgumentException | IndexOutOfBoundsException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new InvalidTcStringException("not a decodable TC string: " + why);
    }
    if (updated == null || updated.isBefore(Instant.EPOCH)) {
      throw new InvalidTcStringException("LastUpdated is missing");
    }
    String version = "tcf-policy-" + policy + "-gvl-" + gvl;
    List<ConsentDecision> out = new ArrayList<>(2);
    if (!granted.isEmpty()) {
      out.add(
          base(subject, partner, updated, version)
              .purposes(granted)
              .status(ConsentStatus.GIVEN)
              .expires(validity == null ? null : updated.plus(validity))
              .build());
    }
    if (!refused.isEmpty()) {
      out.add(
          base(subject, partner, updated, version)
              .purposes(refused)
              .status(ConsentStatus.REFUSED)
              .build());
    }
    return out;
  }

  private static ConsentDecision.Builder base(
      SubjectToken subject, Partner partner, Instant time, String version) {
    return ConsentDecision.builder()
        .subject(subject)
        .partner(partner.id())
        .time(time)
        .source(ConsentSource.TCF_IMPORT)
        .policyVersion(version);
  }
}
