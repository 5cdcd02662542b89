package dev.parley.consent.store;

import dev.parley.consent.commitment.SaltStore;
import dev.parley.consent.commitment.SubjectCommitment;
import dev.parley.consent.index.ConsentIndex;
import dev.parley.consent.index.TokenTable;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Rebuilds the in-memory index and the partner registry from the TDB2 consent graph at start-up, in
 * one scan. Runs inside the caller's read transaction.
 *
 * <p>The scan reads the graph in subject order (TDB2's GSPO index), so each record's triples come
 * together. Subjects are stored only as commitments; the token of each commitment is recovered by
 * recomputing every salted commitment from the salt store. Records are then added to the index in
 * ledger order, as {@link ConsentIndex} requires.
 */
final class IndexLoader {
  private final Map<String, Partner> partners = new HashMap<>();
  private final List<Pending> records = new ArrayList<>();
  private final Map<String, Long> expiries = new HashMap<>();

  private record Pending(
      String commitment,
      String partner,
      int mask,
      ConsentStatus status,
      long ledger,
      String expiryIri) {}

  private IndexLoader() {}

  /**
   * Loads the partners and builds the index.
   *
   * @param dsg the dataset (inside a read transaction)
   * @param salts the salt store
   * @param index the empty index to fill
   * @return the partners found, by id
   * @throws IOException if the salt store cannot be read
   * @throws IllegalStateException if a record names a subject without a salt
   */
  static Map<String, Partner> load(DatasetGraph dsg, SaltStore salts, ConsentIndex index)
      throws IOException {
    IndexLoader l = new IndexLoader();
    l.scan(dsg);
    TokenTable byCommitment = new TokenTable(salts.size());
    List<SubjectToken> tokens = new ArrayList<>(salts.size());
    salts.forEach(
        (token, salt) -> {
          int id = byCommitment.getOrAdd(SubjectCommitment.compute(salt, token));
          java.util.Arrays.fill(salt, (byte) 0);
          while (tokens.size() <= id) {
            tokens.add(null);
          }
          tokens.set(id, token);
        });
    l.records.sort((a, b) -> Long.compare(a.ledger, b.ledger));
    HexFormat hex = HexFormat.of();
    for (Pending p : l.records) {
      int id = byCommitment.get(hex.parseHex(p.commitment));
      if (id < 0) {
        throw new IllegalStateException(
            "consent store: a record's subject has no salt (salt file out of step with TDB2)");
      }
      Long exp = p.expiryIri == null ? null : l.expiries.get(p.expiryIri);
      index.add(
          tokens.get(id),
          p.partner,
          p.mask,
          p.status,
          p.ledger,
          exp == null ? null : Instant.ofEpochMilli(exp));
    }
    return l.partners;
  }

  private void scan(DatasetGraph dsg) {
    Iterator<Quad> it = dsg.find(Vocab.CONSENT_GRAPH, Node.ANY, Node.ANY, Node.ANY);
    Node current = null;
    List<Triple> group = new ArrayList<>();
    while (it.hasNext()) {
      Quad q = it.next();
      if (!q.getSubject().equals(current)) {
        flush(group);
        group.clear();
        current = q.getSubject();
      }
      group.add(q.asTriple());
    }
    flush(group);
  }

  private void flush(List<Triple> group) {
    if (group.isEmpty()) {
      return;
    }
    Node type = null;
    for (Triple t : group) {
      if (t.getPredicate().equals(Vocab.TYPE)) {
        type = t.getObject();
      }
    }
    if (Vocab.CONSENT.equals(type)) {
      record(group);
    } else if (Vocab.DATA_CONTROLLER.equals(type)) {
      Partner p = RecordGraph.partnerOf(group);
      partners.put(p.id(), p);
    } else if (Vocab.UNTIL_TIME_DURATION.equals(type)) {
      for (Triple t : group) {
        if (t.getPredicate().equals(Vocab.VALUE)) {
          expiries.put(
              t.getSubject().getURI(),
              Instant.parse(t.getObject().getLiteralLexicalForm()).toEpochMilli());
        }
      }
    }
  }

  private void record(List<Triple> group) {
    String commitment = null;
    String partner = null;
    int mask = 0;
    ConsentStatus status = null;
    long ledger = -1;
    String expiry = null;
    for (Triple t : group) {
      Node p = t.getPredicate();
      Node o = t.getObject();
      if (p.equals(Vocab.HAS_DATA_SUBJECT)) {
        commitment = o.getURI().substring(Vocab.SUBJECT_PREFIX.length());
      } else if (p.equals(Vocab.HAS_DATA_CONTROLLER)) {
        partner = o.getURI().substring(Partner.IRI_PREFIX.length()).intern();
      } else if (p.equals(Vocab.HAS_PURPOSE)) {
        mask |= Purpose.byDpvIri(o.getURI()).orElseThrow().bit();
      } else if (p.equals(Vocab.HAS_CONSENT_STATUS)) {
        status = ConsentStatus.byDpvIri(o.getURI()).orElseThrow();
      } else if (p.equals(Vocab.LEDGER_INDEX)) {
        ledger = Long.parseLong(o.getLiteralLexicalForm());
      } else if (p.equals(Vocab.HAS_DURATION)) {
        expiry = o.getURI();
      }
    }
    if (commitment == null || partner == null || status == null || ledger < 0 || mask == 0) {
      throw new IllegalStateException(
          "consent store: record " + group.get(0).getSubject() + " is incomplete");
    }
    records.add(new Pending(commitment, partner, mask, status, ledger, expiry));
  }
}
