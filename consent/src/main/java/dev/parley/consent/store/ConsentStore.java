package dev.parley.consent.store;

import dev.parley.consent.commitment.SaltStore;
import dev.parley.consent.commitment.SubjectCommitment;
import dev.parley.consent.index.ConsentIndex;
import dev.parley.consent.journal.ConsentChange;
import dev.parley.consent.journal.ConsentJournal;
import dev.parley.consent.journal.JournalEntry;
import dev.parley.consent.model.BulkReceipt;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentState;
import dev.parley.consent.model.ErasureReceipt;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphReadOnly;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Parley's consent record store: DPV consent records in an Apache Jena TDB2 dataset at {@code
 * <data>/consent/tdb2}, validated by SHACL before every commit, journaled on the ledger, and
 * indexed in memory for the clean room's bulk question.
 *
 * <p>Life of a change ({@link #recordAll}): under the single writer lock, (1) the records' DPV
 * triples, with the partners they name, are validated against {@code shapes/consent.ttl}; a
 * violation throws {@link ConsentValidationException} before anything is written; (2) each
 * subject's salt is fetched or created and its commitment computed; (3) one {@code consent.changed}
 * entry per decision is appended to the ledger and awaited; (4) the triples, each record carrying
 * its ledger index, are added in one TDB2 write transaction; (5) the in-memory index is updated, so
 * the next bulk question sees the change; (6) receipts are returned.
 *
 * <p>Crash windows: a crash after (3) and before (4) leaves ledger entries whose records are not in
 * the store (the caller got no receipt and may retry); salts created for subjects that then got no
 * record are erased at the next start. Erasure appends {@code subject.erased} first, then removes
 * the records, then destroys the salt.
 *
 * <p>Thread-safe: one writer at a time; reads use TDB2 read transactions and the index's own lock.
 */
public final class ConsentStore implements AutoCloseable {
  private final Dataset dataset;
  private final DatasetGraph dsg;
  private final SaltStore salts;
  private final ConsentJournal journal;
  private final ShaclGate shacl;
  private final ConsentIndex index;
  private final Map<String, Partner> partners;
  private final ReentrantLock writer = new ReentrantLock();
  private volatile boolean closed;

  private ConsentStore(
      Dataset dataset,
      SaltStore salts,
      ConsentJournal journal,
      ShaclGate shacl,
      ConsentIndex index,
      Map<String, Partner> partners) {
    this.dataset = dataset;
    this.dsg = dataset.asDatasetGraph();
    this.salts = salts;
    this.journal = journal;
    this.shacl = shacl;
    this.index = index;
    this.partners = new ConcurrentHashMap<>(partners);
  }

  /**
   * Opens (or creates) the store under {@code <data>/consent/} and rebuilds the index from TDB2.
   *
   * @param dataDir the Parley data directory
   * @param journal where changes are recorded (the ledger in production)
   * @return the open store
   * @throws IOException if the directory or the salt file cannot be used
   */
  public static ConsentStore open(Path dataDir, ConsentJournal journal) throws IOException {
    Path dir = dataDir.resolve("consent");
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
    SaltStore salts = SaltStore.open(dir.resolve("salts.bin"), new SecureRandom());
    try {
      Dataset ds = TDB2Factory.connectDataset(dir.resolve("tdb2").toString());
      ConsentIndex index = new ConsentIndex(Math.max(16, salts.size()));
      Map<String, Partner> partners =
          Txn.calculateRead(
              ds,
              () -> {
                try {
                  return IndexLoader.load(ds.asDatasetGraph(), salts, index);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      salts.retainOnly(index::contains);
      return new ConsentStore(ds, salts, journal, ShaclGate.load(), index, partners);
    } catch (IOException | RuntimeException e) {
      salts.close();
      throw e;
    }
  }

  /**
   * Registers or updates a partner (a data controller). Not a consent change: no ledger entry.
   *
   * @param partner the partner
   * @throws ConsentValidationException if the partner's triples violate the shapes
   */
  public void registerPartner(Partner partner) {
    writer.lock();
    try {
      ensureOpen();
      List<Triple> triples = new ArrayList<>();
      RecordGraph.partner(partner, triples::add);
      Graph g = GraphFactory.createDefaultGraph();
      triples.forEach(g::add);
      shacl.check(g);
      Node n = Vocab.uri(partner.iri());
      Txn.executeWrite(
          dataset,
          () -> {
            dsg.deleteAny(Vocab.CONSENT_GRAPH, n, Node.ANY, Node.ANY);
            triples.forEach(
                t -> dsg.add(Vocab.CONSENT_GRAPH, t.getSubject(), t.getPredicate(), t.getObject()));
          });
      partners.put(partner.id(), partner);
    } finally {
      writer.unlock();
    }
  }

  /**
   * Returns a registered partner.
   *
   * @param id the partner id
   * @return the partner, if registered
   */
  public Optional<Partner> partner(String id) {
    return Optional.ofNullable(partners.get(id));
  }

  /**
   * Returns every registered partner, by id.
   *
   * @return the partners
   */
  public List<Partner> partners() {
    return List.copyOf(new TreeMap<>(partners).values());
  }

  /**
   * Records one decision (grant, withdrawal or refusal).
   *
   * @param decision the decision
   * @return its receipt
   * @throws ConsentValidationException if the record violates the shapes (nothing changes)
   * @throws IllegalArgumentException if the record id is already used (nothing changes)
   * @throws ConsentStoreException if the ledger or the disk fails
   */
  public ConsentReceipt record(ConsentDecision decision) {
    return recordAll(List.of(decision)).get(0);
  }

  /**
   * Records decisions in order, each with its own {@code consent.changed} ledger entry.
   *
   * @param decisions the decisions
   * @return one receipt per decision, in order
   * @throws ConsentValidationException if any record violates the shapes (nothing changes)
   * @throws IllegalArgumentException if a record id is already used (nothing changes)
   * @throws ConsentStoreException if the ledger or the disk fails; the message says how many of the
   *     decisions were nevertheless recorded (a prefix of the list)
   */
  public List<ConsentReceipt> recordAll(List<ConsentDecision> decisions) {
    if (decisions.isEmpty()) {
      return List.of();
    }
    writer.lock();
    try {
      ensureOpen();
      validate(decisions);
      List<String> commitments = commitments(decisions);
      List<RecordGraph.Placed> placed = new ArrayList<>(decisions.size());
      RuntimeException failure = null;
      var futures = new ArrayList<java.util.concurrent.CompletableFuture<JournalEntry>>();
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
      List<ConsentReceipt> receipts = new ArrayList<>(placed.size());
      for (RecordGraph.Placed p : placed) {
        ConsentDecision d = p.decision();
        receipts.add(
            new ConsentReceipt(
                d.recordId(),
                p.ledgerIndex(),
                p.commitment(),
                d.partner(),
                d.purposes(),
                d.status(),
                d.time(),
                d.policyVersion()));
      }
      if (failure != null) {
        throw new ConsentStoreException(
            "ledger refused decisions["
                + placed.size()
                + "] of "
                + decisions.size()
                + (placed.isEmpty()
                    ? "; nothing was recorded"
                    : "; decisions[0.." + (placed.size() - 1) + "] were recorded"),
            failure);
      }
      return receipts;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Imports a batch of decisions under one ledger entry (a {@code ledger.note} naming the record
   * count and a digest of the batch) instead of one entry each: the documented bulk path for
   * migrations and the benchmark. Every record carries the note's ledger index.
   *
   * @param decisions the batch; at most one decision per (subject, partner)
   * @return the batch receipt
   * @throws ConsentValidationException if any record violates the shapes (nothing changes)
   * @throws IllegalArgumentException if the batch repeats a (subject, partner) or a record id
   * @throws ConsentStoreException if the ledger or the disk fails (nothing is stored)
   */
  public BulkReceipt importBulk(List<ConsentDecision> decisions) {
    writer.lock();
    try {
      ensureOpen();
      BulkBatch.checkDistinct(decisions);
      validate(decisions);
      List<String> commitments = commitments(decisions);
      String digest = BulkBatch.digest(decisions, commitments);
      JournalEntry e;
      try {
        e = journal.recordBatch(BulkBatch.summary(decisions.size(), digest)).join();
      } catch (RuntimeException ex) {
        throw new ConsentStoreException("ledger refused the bulk batch; nothing was stored", ex);
      }
      List<RecordGraph.Placed> placed = new ArrayList<>(decisions.size());
      for (int i = 0; i < decisions.size(); i++) {
        placed.add(new RecordGraph.Placed(decisions.get(i), commitments.get(i), e.index()));
      }
      commit(placed);
      return new BulkReceipt(e.index(), decisions.size(), digest);
    } finally {
      writer.unlock();
    }
  }

  /**
   * Returns every record of a subject, oldest first (ledger order).
   *
   * @param subject the subject
   * @return the history; empty for an unknown or erased subject
   */
  public List<ConsentRecord> history(SubjectToken subject) {
    ensureOpen();
    Optional<String> c = commitmentOf(subject);
    if (c.isEmpty()) {
      return List.of();
    }
    return Txn.calculateRead(dataset, () -> StoreReads.history(dsg, subject, c.get()));
  }

  /**
   * Returns the effective consent of a subject for every (partner, purpose) it ever decided.
   *
   * @param subject the subject
   * @param now the instant at which expiry is judged
   * @return one state per (partner, purpose), by partner then purpose
   */
  public List<ConsentState> currentState(SubjectToken subject, Instant now) {
    Map<String, Map<Purpose, ConsentRecord>> latest = new TreeMap<>();
    for (ConsentRecord r : history(subject)) {
      for (Purpose p : r.decision().purposes()) {
        latest.computeIfAbsent(r.decision().partner(), k -> new EnumMap<>(Purpose.class)).put(p, r);
      }
    }
    List<ConsentState> out = new ArrayList<>();
    latest.forEach(
        (partner, byPurpose) -> byPurpose.forEach((p, r) -> out.add(ConsentState.of(r, p, now))));
    return out;
  }

  /**
   * Exports everything stored about a subject as JSON-LD 1.1: its records (with expiry nodes), its
   * subject node and the partners they name.
   *
   * @param subject the subject
   * @return a JSON-LD document (an empty graph for an unknown subject)
   */
  public String exportJsonLd(SubjectToken subject) {
    ensureOpen();
    Optional<String> c = commitmentOf(subject);
    return Txn.calculateRead(dataset, () -> StoreReads.exportJsonLd(dsg, c.orElse(null)));
  }

  /**
   * Erases a subject: appends {@code subject.erased}, removes all its records from TDB2, destroys
   * its salt (so its old ledger entries can no longer be linked to it) and forgets it in the index.
   * TDB2 keeps deleted triples on disk until {@link #compact()}, but they name only the commitment,
   * which nothing can link to the person once the salt is gone.
   *
   * @param subject the subject
   * @return the receipt, or empty if the store holds nothing about the subject
   * @throws ConsentStoreException if the ledger or the disk fails (nothing is erased)
   */
  public Optional<ErasureReceipt> erase(SubjectToken subject) {
    writer.lock();
    try {
      ensureOpen();
      Optional<String> c = commitmentOf(subject);
      if (c.isEmpty()) {
        return Optional.empty();
      }
      JournalEntry e;
      try {
        e = journal.recordErasure(c.get()).join();
      } catch (RuntimeException ex) {
        throw new ConsentStoreException("ledger refused the erasure; nothing was erased", ex);
      }
      int removed = Txn.calculateWrite(dataset, () -> StoreReads.deleteSubject(dsg, c.get()));
      try {
        salts.erase(subject);
      } catch (IOException ex) {
        throw new ConsentStoreException("records removed but the salt could not be destroyed", ex);
      }
      index.erase(subject);
      return Optional.of(new ErasureReceipt(e.index(), c.get(), removed));
    } finally {
      writer.unlock();
    }
  }

  /**
   * Answers the clean room's bulk question from the in-memory index.
   *
   * @param tokens the tokens asked about
   * @param partner the partner id
   * @param purpose the purpose
   * @param ledgerSize consider only decisions whose ledger index is below this size
   * @param now the instant at which expiry is judged
   * @return bit {@code i} set iff {@code tokens.get(i)} has active consent
   */
  public BitSet activeConsent(
      List<SubjectToken> tokens, String partner, Purpose purpose, long ledgerSize, Instant now) {
    return index.activeConsent(tokens, partner, purpose, ledgerSize, now);
  }

  /**
   * Runs a function over a read-only view of the consent graph inside a read transaction (for the
   * auditors' SPARQL endpoint). The graph holds records, subjects (as commitments) and partners;
   * salts are not in TDB2 at all.
   *
   * @param fn the function; must not keep the graph after returning
   * @param <T> the result type
   * @return the function's result
   */
  public <T> T readConsentGraph(Function<Graph, T> fn) {
    ensureOpen();
    return Txn.calculateRead(dataset, () -> fn.apply(new GraphReadOnly(dsg.getDefaultGraph())));
  }

  /**
   * Returns the number of triples in the consent graph.
   *
   * @return the count
   */
  public long tripleCount() {
    return readConsentGraph(g -> (long) g.size());
  }

  /** Compacts TDB2, physically dropping deleted triples (run after erasures). */
  public void compact() {
    writer.lock();
    try {
      ensureOpen();
      DatabaseMgr.compact(dsg, true);
    } finally {
      writer.unlock();
    }
  }

  /**
   * Returns the in-memory index.
   *
   * @return the index
   */
  public ConsentIndex index() {
    return index;
  }

  @Override
  public void close() throws IOException {
    writer.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        salts.close();
      } finally {
        dataset.close();
        TDBInternal.expel(dsg);
      }
    } finally {
      writer.unlock();
    }
  }

  /** Validates decisions' triples (with the partners they name) against the shapes. */
  private void validate(List<ConsentDecision> decisions) {
    Graph g = GraphFactory.createDefaultGraph();
    String placeholder = "0".repeat(64);
    java.util.Set<String> named = new java.util.HashSet<>();
    for (ConsentDecision d : decisions) {
      RecordGraph.record(d, placeholder, 0, g::add);
      if (named.add(d.partner())) {
        Partner p = partners.get(d.partner());
        if (p != null) {
          RecordGraph.partner(p, g::add);
        }
      }
    }
    shacl.check(g);
    Txn.executeRead(
        dataset,
        () -> {
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
        });
  }

  /** Validates the raw graph and commits it (for tests of the SHACL gate). */
  void commitGraph(Graph g) {
    writer.lock();
    try {
      shacl.check(g);
      Txn.executeWrite(
          dataset,
          () ->
              g.find()
                  .forEachRemaining(
                      t ->
                          dsg.add(
                              Vocab.CONSENT_GRAPH,
                              t.getSubject(),
                              t.getPredicate(),
                              t.getObject())));
    } finally {
      writer.unlock();
    }
  }

  private List<String> commitments(List<ConsentDecision> decisions) {
    List<String> out = new ArrayList<>(decisions.size());
    try {
      for (ConsentDecision d : decisions) {
        byte[] salt = salts.saltOrCreate(d.subject());
        out.add(SubjectCommitment.hex(salt, d.subject()));
        java.util.Arrays.fill(salt, (byte) 0);
      }
      salts.flush();
    } catch (IOException e) {
      throw new ConsentStoreException("salt store failed; nothing was recorded", e);
    }
    return out;
  }

  private Optional<String> commitmentOf(SubjectToken subject) {
    try {
      return salts.salt(subject).map(s -> SubjectCommitment.hex(s, subject));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void commit(List<RecordGraph.Placed> placed) {
    if (placed.isEmpty()) {
      return;
    }
    Txn.executeWrite(
        dataset,
        () -> {
          for (RecordGraph.Placed p : placed) {
            RecordGraph.record(
                p.decision(),
                p.commitment(),
                p.ledgerIndex(),
                t -> dsg.add(Vocab.CONSENT_GRAPH, t.getSubject(), t.getPredicate(), t.getObject()));
          }
        });
    for (RecordGraph.Placed p : placed) {
      index.add(new ConsentRecord(p.decision(), p.ledgerIndex()));
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("consent store is closed");
    }
  }
}
