package dev.parley.consent.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;

/**
 * The RDF terms of Parley consent records: W3C DPV 2.x, Dublin Core terms, and the few Parley terms
 * DPV has no property for.
 *
 * <p>DPV terms were checked against the DPV 2.1 Turtle ({@code 2.1/dpv/dpv.ttl}); the mapping of
 * ISO/IEC TS 27560 fields follows the DPV guide "Consent Records and Receipts as per ISO/IEC TS
 * 27560:2023 using DPV": record id as {@code dct:identifier}, PII principal as {@code
 * dpv:hasDataSubject}, controller as {@code dpv:hasDataController}, notice as {@code
 * dpv:hasNotice}, event state as {@code dpv:hasConsentStatus}, event time as {@code
 * dpv:isIndicatedAtTime}, and event duration as {@code dpv:hasDuration} with a {@code
 * dpv:UntilTimeDuration} whose {@code rdf:value} is the expiry.
 */
public final class Vocab {
  /** The DPV namespace. */
  public static final String DPV = "https://w3id.org/dpv#";

  /** The Dublin Core terms namespace. */
  public static final String DCT = "http://purl.org/dc/terms/";

  /** The RDF namespace. */
  public static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

  /** Parley's own terms (only where DPV has none). */
  public static final String PARLEY = "https://parley.dev/ns#";

  /**
   * The graph holding consent records, subjects and partners: the dataset's default graph (TDB2
   * keeps it in three triple indexes rather than six quad indexes; nothing else lives in the
   * dataset, salts being in their own file).
   */
  public static final Node CONSENT_GRAPH = Quad.defaultGraphIRI;

  /** {@code rdf:type}. */
  public static final Node TYPE = uri(RDF + "type");

  /** {@code rdf:value}. */
  public static final Node VALUE = uri(RDF + "value");

  /** {@code dpv:Consent}: each record is typed with the consent legal basis it documents. */
  public static final Node CONSENT = uri(DPV + "Consent");

  /** {@code dpv:DataSubject}. */
  public static final Node DATA_SUBJECT = uri(DPV + "DataSubject");

  /** {@code dpv:DataController}. */
  public static final Node DATA_CONTROLLER = uri(DPV + "DataController");

  /** {@code dpv:UntilTimeDuration}. */
  public static final Node UNTIL_TIME_DURATION = uri(DPV + "UntilTimeDuration");

  /** {@code dpv:hasDataSubject}. */
  public static final Node HAS_DATA_SUBJECT = uri(DPV + "hasDataSubject");

  /** {@code dpv:hasDataController}. */
  public static final Node HAS_DATA_CONTROLLER = uri(DPV + "hasDataController");

  /** {@code dpv:hasPurpose}. */
  public static final Node HAS_PURPOSE = uri(DPV + "hasPurpose");

  /** {@code dpv:hasConsentStatus}. */
  public static final Node HAS_CONSENT_STATUS = uri(DPV + "hasConsentStatus");

  /** {@code dpv:isIndicatedAtTime}. */
  public static final Node IS_INDICATED_AT_TIME = uri(DPV + "isIndicatedAtTime");

  /** {@code dpv:hasNotice}. */
  public static final Node HAS_NOTICE = uri(DPV + "hasNotice");

  /** {@code dpv:hasDuration}. */
  public static final Node HAS_DURATION = uri(DPV + "hasDuration");

  /** {@code dpv:hasIdentifier}. */
  public static final Node HAS_IDENTIFIER = uri(DPV + "hasIdentifier");

  /** {@code dpv:hasName}. */
  public static final Node HAS_NAME = uri(DPV + "hasName");

  /** {@code dct:identifier}. */
  public static final Node IDENTIFIER = uri(DCT + "identifier");

  /** {@code dct:source}. */
  public static final Node SOURCE = uri(DCT + "source");

  /** {@code parley:ledgerIndex}: the index of the ledger entry that records the decision. */
  public static final Node LEDGER_INDEX = uri(PARLEY + "ledgerIndex");

  /** {@code parley:tcfVendorId}: a partner's IAB TCF Global Vendor List id. */
  public static final Node TCF_VENDOR_ID = uri(PARLEY + "tcfVendorId");

  /** The IRI prefix of subjects: followed by the 64-hex salted commitment. */
  public static final String SUBJECT_PREFIX = "urn:parley:subject:";

  /** The IRI prefix of privacy notices: followed by the policy version. */
  public static final String NOTICE_PREFIX = "urn:parley:notice:";

  private Vocab() {}

  /**
   * Returns the IRI of a subject with a given commitment.
   *
   * @param commitmentHex the 64-hex commitment
   * @return the subject node
   */
  public static Node subject(String commitmentHex) {
    return uri(SUBJECT_PREFIX + commitmentHex);
  }

  /**
   * Makes an IRI node.
   *
   * @param iri the IRI
   * @return the node
   */
  public static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }
}
