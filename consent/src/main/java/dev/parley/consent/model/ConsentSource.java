package dev.parley.consent.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a consent decision was collected (the ISO/IEC TS 27560 collection method), written to the
 * ledger's {@code source} field and as {@code dct:source} in the record.
 */
public enum ConsentSource {
  /** The subject acted in Parley's consent center. */
  CONSENT_CENTER("consent-center"),
  /** A partner relayed a decision it collected, through the API. */
  PARTNER_API("partner-api"),
  /** Decoded from an IAB TCF v2.2 TC string supplied by a consent-management platform. */
  TCF_IMPORT("tcf-import"),
  /** An operator's bulk load (benchmarks and migrations), recorded on the ledger per batch. */
  BULK_IMPORT("bulk-import");

  /** The IRI prefix of sources in the consent graph. */
  public static final String IRI_PREFIX = "urn:parley:source:";

  private final String wireName;

  ConsentSource(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the wire name.
   *
   * @return e.g. {@code tcf-import}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the source's IRI in the consent graph.
   *
   * @return {@code urn:parley:source:<wire name>}
   */
  public String iri() {
    return IRI_PREFIX + wireName;
  }

  /**
   * Looks a source up by IRI.
   *
   * @param iri the IRI
   * @return the source, if any
   */
  public static Optional<ConsentSource> byIri(String iri) {
    return Arrays.stream(values()).filter(s -> s.iri().equals(iri)).findFirst();
  }
}
