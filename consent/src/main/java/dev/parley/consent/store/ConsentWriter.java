package dev.parley.consent.store;

import dev.parley.consent.index.ConsentIndex;
import dev.parley.consent.journal.ConsentChange;
import dev.parley.consent.journal.ConsentJournal;
import dev.parley.consent.journal.JournalEntry;
import dev.parley.consent.model.BulkReceipt;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ErasureReceipt;
import dev.parley.consent.model.SubjectToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The store's write path: decisions, bulk batches and erasures, each run under the dataset's writer
 * lock in the order validate, salt, ledger, TDB2, index (see {@link ConsentStore} for the crash
 * windows this order leaves).
 */
final class ConsentWriter {
  private final TdbDataset tdb;
  private final SubjectSalts salts;
  private final ConsentJournal journal;
  private final ShaclGate shacl;
  private final ConsentIndex index;
  private final PartnerRegistry partners;

  ConsentWriter(
      TdbDataset tdb,
      SubjectSalts salts,
      ConsentJournal journal,
      ShaclGate shacl,
      ConsentIndex index,
      PartnerRegistry partners) {
    this.tdb = tdb;
    this.salts = salts;
    this.journal = journal;
    this.shacl = shacl;
    this.index = index;
    this.partners = partners;
  }

  /** See {@link ConsentStore#recordAll}. */
  List<ConsentReceipt> recordAll(List<ConsentDecision> decisions) {
    if (decisions.isEmpty()) {
      return List.of();
    }
    return tdb.exclusive(
        () -> {
          validate(decisions);
          Placement done = place(decisions);
          if (done.failure() != null) {
            List<RecordGraph.Placed> placed = done.placed();
            throw new ConsentStoreException(
                "ledger refused decisions["
                    + placed.size()
                    + "] of "
                    + decisions.size()
                    + (placed.isEmpty()
                        ? "; nothing was recorded"
                        : "; decisions[0.." + (placed.size() - 1) + "] were recorded"),
                done.failure());
          }
          return done.receipts();
        });
  }

  /**
   * The outcome of placing validated decisions: the prefix the ledger accepted (committed to TDB2
   * and the index) and, if it stopped early, why.
   *
   * @param placed the recorded decisions, a prefix of the input in order
   * @param failure the ledger's refusal of the next decision, or null if all were recorded
   */
  record Placement(List<RecordGraph.Placed> placed, RuntimeException failure) {
    List<ConsentReceipt> receipts() {
      return placed.stream().map(ConsentWriter::receipt).toList();
    }
  }

  /**
   * Steps (2)-(5) of a change for decisions already validated, under the writer lock: salts and
   * commitments, one ledger entry each (appended together, so the ledger commits them as one
   * group), then the accepted prefix into TDB2 and the index.
   */
  Placement place(List<ConsentDecision> decisions) {
    List<String> commitments = salts.commitments(decisions);
    List<RecordGraph.Placed> placed = new ArrayList<>(decisions.size());
    RuntimeException failure = null;
    List<CompletableFuture<JournalEntry>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < decisions.size(); i++) {
        futures.add(journal.recordChange(ConsentChange.of(decisions.get(i), commitments.get(i))));
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    for (int i = 0; i < futures.size() && failure == null; i++) {
      try {
        JournalEntry e = futures.get(i).join();
        placed.add(new RecordGraph.Placed(decisions.get(i), commitments.get(i), e.index()));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    commit(placed);
    return new Placement(placed, failure);
  }

  /** See {@link ConsentStore#importBulk}. */
  BulkReceipt importBulk(List<ConsentDecision> decisions) {
    return tdb.exclusive(
        () -> {
          BulkBatch.checkDistinct(decisions);
          validate(decisions);
          List<String> commitments = salts.commitments(decisions);
          String digest = BulkBatch.digest(decisions, commitments);
          JournalEntry e;
          try {
            e = journal.recordBatch(BulkBatch.summary(decisions.size(), digest)).join();
          } catch (RuntimeException ex) {
            throw new ConsentStoreException(
                "ledger refused the bulk batch; nothing was stored", ex);
          }
          List<RecordGraph.Placed> placed = new ArrayList<>(decisions.size());
          for (int i = 0; i < decisions.size(); i++) {
            placed.add(new RecordGraph.Placed(decisions.get(i), commitments.get(i), e.index()));
          }
          commit(placed);
          return new BulkReceipt(e.index(), decisions.size(), digest);
        });
  }

  /** See {@link ConsentStore#erase}. */
  Optional<ErasureReceipt> erase(SubjectToken subject) {
    return tdb.exclusive(
        () -> {
          Optional<String> c = salts.commitmentOf(subject);
          if (c.isEmpty()) {
            return Optional.empty();
          }
          JournalEntry e;
          try {
            e = journal.recordErasure(c.get()).join();
          } catch (RuntimeException ex) {
            throw new ConsentStoreException("ledger refused the erasure; nothing was erased", ex);
          }
          int removed = tdb.write(() -> StoreReads.deleteSubject(tdb.graph(), c.get()));
          salts.destroy(subject);
          index.erase(subject);
          return Optional.of(new ErasureReceipt(e.index(), c.get(), removed));
        });
  }

  /** Validates a raw graph against the shapes and commits it (for tests of the SHACL gate). */
  void commitGraph(Graph g) {
    tdb.exclusively(
        () -> {
          shacl.check(g);
          tdb.addAll(g);
        });
  }

  /**
   * Validates decisions' triples (with the partners they name) against the shapes, and checks that
   * no record id is already used.
   */
  void validate(List<ConsentDecision> decisions) {
    Graph g = GraphFactory.createDefaultGraph();
    String placeholder = "0".repeat(64);
    Set<String> named = new HashSet<>();
    for (ConsentDecision d : decisions) {
      RecordGraph.record(d, placeholder, 0, g::add);
      if (named.add(d.partner())) {
        partners.get(d.partner()).ifPresent(p -> RecordGraph.partner(p, g::add));
      }
    }
    shacl.check(g);
    tdb.read(
        () -> {
          DatasetGraph dsg = tdb.graph();
          for (int i = 0; i < decisions.size(); i++) {
            Node r = Vocab.uri(decisions.get(i).iri());
            if (dsg.contains(Vocab.CONSENT_GRAPH, r, Node.ANY, Node.ANY)) {
              throw new IllegalArgumentException(
                  "decisions["
                      + i
                      + "].recordId: '"
                      + decisions.get(i).recordId()
                      + "' is already used");
            }
          }
          return null;
        });
  }

  /** Adds the placed records to TDB2 in one transaction, then to the index. */
  private void commit(List<RecordGraph.Placed> placed) {
    if (placed.isEmpty()) {
      return;
    }
    tdb.write(
        () -> {
          for (RecordGraph.Placed p : placed) {
            RecordGraph.record(p.decision(), p.commitment(), p.ledgerIndex(), tdb::add);
          }
          return null;
        });
    for (RecordGraph.Placed p : placed) {
      index.add(new ConsentRecord(p.decision(), p.ledgerIndex()));
    }
  }

  private static ConsentReceipt receipt(RecordGraph.Placed p) {
    ConsentDecision d = p.decision();
    return new ConsentReceipt(
        d.recordId(),
        p.ledgerIndex(),
        p.commitment(),
        d.partner(),
        d.purposes(),
        d.status(),
        d.time(),
        d.policyVersion());
  }
}
