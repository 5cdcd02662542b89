package dev.parley.consent.partner;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A registered partner: a data controller that may receive consent, with its optional IAB TCF
 * Global Vendor List id.
 *
 * @param id the partner id: 1-64 characters of {@code [a-z0-9._-]} starting with a letter or digit
 *     (also a valid ledger {@code NAME})
 * @param name the display name: 1-200 characters, no control characters
 * @param tcfVendorId the TCF vendor id (1-65535), if the partner is on the Global Vendor List
 */
public record Partner(String id, String name, OptionalInt tcfVendorId) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** The IRI prefix of partners in the consent graph. */
  public static final String IRI_PREFIX = "urn:parley:partner:";

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public Partner {
    requireId(id, "partner.id");
    Objects.requireNonNull(name, "partner.name");
    if (name.isEmpty()
        || name.length() > 200
        || name.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "partner.name: must be 1-200 characters without control characters");
    }
    Objects.requireNonNull(tcfVendorId, "partner.tcfVendorId");
    if (tcfVendorId.isPresent()
        && (tcfVendorId.getAsInt() < 1 || tcfVendorId.getAsInt() > 65_535)) {
      throw new IllegalArgumentException(
          "partner.tcfVendorId: must be 1-65535, got " + tcfVendorId.getAsInt());
    }
  }

  /**
   * A partner that is not on the TCF Global Vendor List.
   *
   * @param id the id
   * @param name the display name
   * @return the partner
   */
  public static Partner of(String id, String name) {
    return new Partner(id, name, OptionalInt.empty());
  }

  /**
   * Checks a partner id.
   *
   * @param id the candidate
   * @param where the field to name in the error
   * @return {@code id}
   * @throws IllegalArgumentException if it is not a valid partner id
   */
  public static String requireId(String id, String where) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          where + ": must be 1-64 characters [a-z0-9._-] starting with a letter or digit");
    }
    return id;
  }

  /**
   * Returns the partner's IRI in the consent graph.
   *
   * @return {@code urn:parley:partner:<id>}
   */
  public String iri() {
    return IRI_PREFIX + id;
  }
}
