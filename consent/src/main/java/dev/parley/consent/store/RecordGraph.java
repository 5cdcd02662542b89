package dev.parley.consent.store;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

/**
 * Maps consent records and partners to DPV triples and back; pure (no store access).
 *
 * <p>A record {@code R = urn:parley:consent:<recordId>} has: {@code rdf:type dpv:Consent}; {@code
 * dpv:hasDataSubject urn:parley:subject:<commitment>}; {@code dpv:hasDataController} the partner;
 * one {@code dpv:hasPurpose} per purpose (the DPV purpose IRI); {@code dpv:hasConsentStatus};
 * {@code dpv:isIndicatedAtTime}; {@code dct:identifier}; {@code dct:source}; {@code dpv:hasNotice
 * urn:parley:notice:<policyVersion>}; {@code parley:ledgerIndex}; and, if it expires, {@code
 * dpv:hasDuration <R:expiry>} with {@code <R:expiry> a dpv:UntilTimeDuration; rdf:value <time>}.
 */
public final class RecordGraph {
  private RecordGraph() {}

  /**
   * Emits the triples of one record.
   *
   * @param d the decision
   * @param commitmentHex the subject's commitment
   * @param ledgerIndex the ledger index
   * @param out receives each triple
   */
  public static void record(
      ConsentDecision d, String commitmentHex, long ledgerIndex, Consumer<Triple> out) {
    Node r = Vocab.uri(d.iri());
    Node s = Vocab.subject(commitmentHex);
    out.accept(Triple.create(s, Vocab.TYPE, Vocab.DATA_SUBJECT));
    out.accept(Triple.create(r, Vocab.TYPE, Vocab.CONSENT));
    out.accept(Triple.create(r, Vocab.HAS_DATA_SUBJECT, s));
    out.accept(
        Triple.create(r, Vocab.HAS_DATA_CONTROLLER, Vocab.uri(Partner.IRI_PREFIX + d.partner())));
    for (Purpose p : d.purposes()) {
      out.accept(Triple.create(r, Vocab.HAS_PURPOSE, Vocab.uri(p.dpvIri())));
    }
    out.accept(Triple.create(r, Vocab.HAS_CONSENT_STATUS, Vocab.uri(d.status().dpvIri())));
    out.accept(Triple.create(r, Vocab.IS_INDICATED_AT_TIME, time(d.time())));
    out.accept(Triple.create(r, Vocab.IDENTIFIER, NodeFactory.createLiteralString(d.recordId())));
    out.accept(Triple.create(r, Vocab.SOURCE, Vocab.uri(d.source().iri())));
    out.accept(
        Triple.create(r, Vocab.HAS_NOTICE, Vocab.uri(Vocab.NOTICE_PREFIX + d.policyVersion())));
    out.accept(
        Triple.create(
            r,
            Vocab.LEDGER_INDEX,
            NodeFactory.createLiteralDT(Long.toString(ledgerIndex), XSDDatatype.XSDlong)));
    if (d.expires().isPresent()) {
      Node x = expiryNode(r);
      out.accept(Triple.create(r, Vocab.HAS_DURATION, x));
      out.accept(Triple.create(x, Vocab.TYPE, Vocab.UNTIL_TIME_DURATION));
      out.accept(Triple.create(x, Vocab.VALUE, time(d.expires().get())));
    }
  }

  /**
   * Emits the triples of a partner.
   *
   * @param p the partner
   * @param out receives each triple
   */
  public static void partner(Partner p, Consumer<Triple> out) {
    Node n = Vocab.uri(p.iri());
    out.accept(Triple.create(n, Vocab.TYPE, Vocab.DATA_CONTROLLER));
    out.accept(Triple.create(n, Vocab.HAS_IDENTIFIER, NodeFactory.createLiteralString(p.id())));
    out.accept(Triple.create(n, Vocab.HAS_NAME, NodeFactory.createLiteralString(p.name())));
    p.tcfVendorId()
        .ifPresent(
            v ->
                out.accept(
                    Triple.create(
                        n,
                        Vocab.TCF_VENDOR_ID,
                        NodeFactory.createLiteralDT(Integer.toString(v), XSDDatatype.XSDint))));
  }

  /**
   * Reads a partner back from its triples.
   *
   * @param triples every triple with the partner as subject
   * @return the partner
   * @throws IllegalStateException if a required triple is missing
   */
  public static Partner partnerOf(List<Triple> triples) {
    String id = null;
    String name = null;
    OptionalInt vendor = OptionalInt.empty();
    for (Triple t : triples) {
      Node p = t.getPredicate();
      if (p.equals(Vocab.HAS_IDENTIFIER)) {
        id = t.getObject().getLiteralLexicalForm();
      } else if (p.equals(Vocab.HAS_NAME)) {
        name = t.getObject().getLiteralLexicalForm();
      } else if (p.equals(Vocab.TCF_VENDOR_ID)) {
        vendor = OptionalInt.of(Integer.parseInt(t.getObject().getLiteralLexicalForm()));
      }
    }
    if (id == null || name == null) {
      throw new IllegalStateException("partner in store lacks dpv:hasIdentifier or dpv:hasName");
    }
    return new Partner(id, name, vendor);
  }

  /**
   * Reads a record back from its triples.
   *
   * @param subject the subject the record belongs to (already resolved from its commitment)
   * @param triples every triple with the record as subject
   * @param expiry the expiry value, if the record has a duration node
   * @return the record
   * @throws IllegalStateException naming a missing or unknown value
   */
  public static ConsentRecord recordOf(SubjectToken subject, List<Triple> triples, Instant expiry) {
    ConsentDecision.Builder b = ConsentDecision.builder().subject(subject).expires(expiry);
    long ledger = -1;
    for (Triple t : triples) {
      Node p = t.getPredicate();
      Node o = t.getObject();
      if (p.equals(Vocab.HAS_DATA_CONTROLLER)) {
        b.partner(o.getURI().substring(Partner.IRI_PREFIX.length()));
      } else if (p.equals(Vocab.HAS_PURPOSE)) {
        b.purpose(
            Purpose.byDpvIri(o.getURI())
                .orElseThrow(() -> new IllegalStateException("unknown purpose " + o.getURI())));
      } else if (p.equals(Vocab.HAS_CONSENT_STATUS)) {
        b.status(
            ConsentStatus.byDpvIri(o.getURI())
                .orElseThrow(() -> new IllegalStateException("unknown status " + o.getURI())));
      } else if (p.equals(Vocab.IS_INDICATED_AT_TIME)) {
        b.time(Instant.parse(o.getLiteralLexicalForm()));
      } else if (p.equals(Vocab.IDENTIFIER)) {
        b.recordId(o.getLiteralLexicalForm());
      } else if (p.equals(Vocab.SOURCE)) {
        b.source(
            ConsentSource.byIri(o.getURI())
                .orElseThrow(() -> new IllegalStateException("unknown source " + o.getURI())));
      } else if (p.equals(Vocab.HAS_NOTICE)) {
        b.policyVersion(o.getURI().substring(Vocab.NOTICE_PREFIX.length()));
      } else if (p.equals(Vocab.LEDGER_INDEX)) {
        ledger = Long.parseLong(o.getLiteralLexicalForm());
      }
    }
    return new ConsentRecord(b.build(), ledger);
  }

  /**
   * Returns the duration node of a record.
   *
   * @param record the record node
   * @return {@code <record>:expiry}
   */
  public static Node expiryNode(Node record) {
    return Vocab.uri(record.getURI() + ":expiry");
  }

  /**
   * Collects the triples of several records into a list.
   *
   * @param records decisions with commitments and ledger indexes
   * @return the triples
   */
  public static List<Triple> records(List<Placed> records) {
    List<Triple> out = new ArrayList<>(records.size() * 14);
    for (Placed p : records) {
      record(p.decision(), p.commitment(), p.ledgerIndex(), out::add);
    }
    return out;
  }

  /**
   * A decision placed on the ledger.
   *
   * @param decision the decision
   * @param commitment the subject commitment (hex)
   * @param ledgerIndex the ledger index
   */
  public record Placed(ConsentDecision decision, String commitment, long ledgerIndex) {}

  private static Node time(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }
}
