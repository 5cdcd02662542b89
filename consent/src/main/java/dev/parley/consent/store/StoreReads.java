package dev.parley.consent.store;

import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentState;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Reads and deletions over the consent graph (callers hold the right TDB2 transaction), and the
 * pure derivation of effective states from a history.
 */
final class StoreReads {
  private StoreReads() {}

  /** The record nodes of a subject. */
  static List<Node> recordsOf(DatasetGraph dsg, String commitment) {
    List<Node> out = new ArrayList<>();
    Iterator<Quad> it =
        dsg.find(Vocab.CONSENT_GRAPH, Node.ANY, Vocab.HAS_DATA_SUBJECT, Vocab.subject(commitment));
    it.forEachRemaining(q -> out.add(q.getSubject()));
    return out;
  }

  /** The triples with a given subject node. */
  static List<Triple> triplesOf(DatasetGraph dsg, Node s) {
    List<Triple> out = new ArrayList<>();
    dsg.find(Vocab.CONSENT_GRAPH, s, Node.ANY, Node.ANY)
        .forEachRemaining(q -> out.add(q.asTriple()));
    return out;
  }

  /** A subject's records in ledger order (then time, for records of one bulk batch). */
  static List<ConsentRecord> history(DatasetGraph dsg, SubjectToken subject, String commitment) {
    List<ConsentRecord> out = new ArrayList<>();
    for (Node r : recordsOf(dsg, commitment)) {
      List<Triple> ts = triplesOf(dsg, r);
      Instant expiry = null;
      for (Triple t : ts) {
        if (t.getPredicate().equals(Vocab.HAS_DURATION)) {
          for (Triple x : triplesOf(dsg, t.getObject())) {
            if (x.getPredicate().equals(Vocab.VALUE)) {
              expiry = Instant.parse(x.getObject().getLiteralLexicalForm());
            }
          }
        }
      }
      out.add(RecordGraph.recordOf(subject, ts, expiry));
    }
    out.sort(
        Comparator.comparingLong(ConsentRecord::ledgerIndex)
            .thenComparing(r -> r.decision().time()));
    return out;
  }

  /**
   * The effective state of every (partner, purpose) in a history (oldest first): the latest record
   * covering it, read at {@code now}; by partner id, then purpose.
   */
  static List<ConsentState> states(List<ConsentRecord> history, Instant now) {
    Map<String, Map<Purpose, ConsentRecord>> latest = new TreeMap<>();
    for (ConsentRecord r : history) {
      for (Purpose p : r.decision().purposes()) {
        latest.computeIfAbsent(r.decision().partner(), k -> new EnumMap<>(Purpose.class)).put(p, r);
      }
    }
    List<ConsentState> out = new ArrayList<>();
    latest.forEach(
        (partner, byPurpose) -> byPurpose.forEach((p, r) -> out.add(ConsentState.of(r, p, now))));
    return out;
  }

  /** JSON-LD 1.1 of everything about a subject (records, expiry nodes, subject, partners). */
  static String exportJsonLd(DatasetGraph dsg, String commitment) {
    Graph g = GraphFactory.createDefaultGraph();
    g.getPrefixMapping()
        .setNsPrefix("dpv", Vocab.DPV)
        .setNsPrefix("dct", Vocab.DCT)
        .setNsPrefix("parley", Vocab.PARLEY)
        .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
    if (commitment != null) {
      Node s = Vocab.subject(commitment);
      triplesOf(dsg, s).forEach(g::add);
      Set<Node> partners = new LinkedHashSet<>();
      for (Node r : recordsOf(dsg, commitment)) {
        for (Triple t : triplesOf(dsg, r)) {
          g.add(t);
          if (t.getPredicate().equals(Vocab.HAS_DURATION)) {
            triplesOf(dsg, t.getObject()).forEach(g::add);
          } else if (t.getPredicate().equals(Vocab.HAS_DATA_CONTROLLER)) {
            partners.add(t.getObject());
          }
        }
      }
      for (Node p : partners) {
        triplesOf(dsg, p).forEach(g::add);
      }
    }
    return RDFWriter.source(g).format(RDFFormat.JSONLD11).asString();
  }

  /** Deletes a subject's records, expiry nodes and subject node; returns the record count. */
  static int deleteSubject(DatasetGraph dsg, String commitment) {
    List<Node> records = recordsOf(dsg, commitment);
    for (Node r : records) {
      dsg.deleteAny(Vocab.CONSENT_GRAPH, RecordGraph.expiryNode(r), Node.ANY, Node.ANY);
      dsg.deleteAny(Vocab.CONSENT_GRAPH, r, Node.ANY, Node.ANY);
    }
    dsg.deleteAny(Vocab.CONSENT_GRAPH, Vocab.subject(commitment), Node.ANY, Node.ANY);
    return records.size();
  }
}
