package dev.parley.consent.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The status of consent for one (partner, purpose), as a DPV 2.x consent status (module {@code
 * consent_status}: "ConsentGiven", "ConsentWithdrawn", "ConsentRefused", "ConsentExpired").
 */
public enum ConsentStatus {
  /** The subject agreed: the only status valid for processing. */
  GIVEN("given", "ConsentGiven"),
  /** The subject withdrew an earlier consent. */
  WITHDRAWN("withdrawn", "ConsentWithdrawn"),
  /** The subject refused when asked. */
  REFUSED("refused", "ConsentRefused"),
  /** A given consent lapsed at its expiry time. */
  EXPIRED("expired", "ConsentExpired");

  private final String wireName;
  private final String dpvIri;

  ConsentStatus(String wireName, String dpvLocalName) {
    this.wireName = wireName;
    this.dpvIri = "https://w3id.org/dpv#" + dpvLocalName;
  }

  /**
   * Returns the name used in APIs and in the ledger's {@code status} field.
   *
   * @return e.g. {@code withdrawn}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the DPV status IRI.
   *
   * @return e.g. {@code https://w3id.org/dpv#ConsentWithdrawn}
   */
  public String dpvIri() {
    return dpvIri;
  }

  /**
   * Looks a status up by DPV IRI.
   *
   * @param iri the IRI
   * @return the status, if any
   */
  public static Optional<ConsentStatus> byDpvIri(String iri) {
    return Arrays.stream(values()).filter(s -> s.dpvIri.equals(iri)).findFirst();
  }

  /**
   * Parses a wire name.
   *
   * @param name e.g. {@code given}
   * @param where the field to name in errors
   * @return the status
   * @throws IllegalArgumentException naming {@code where} and the allowed names
   */
  public static ConsentStatus parse(String name, String where) {
    return Arrays.stream(values())
        .filter(s -> s.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    where
                        + ": must be one of given, withdrawn, refused, expired; got '"
                        + name
                        + "'"));
  }
}
