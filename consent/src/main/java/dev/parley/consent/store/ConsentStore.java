package dev.parley.consent.store;

import dev.parley.consent.index.ConsentIndex;
import dev.parley.consent.index.ConsentedSet;
import dev.parley.consent.journal.ConsentJournal;
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
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphReadOnly;

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
 * <p>One open store per directory: {@link #open} takes an exclusive lock on {@code
 * <data>/consent/lock} (across processes and within one) and fails with {@link
 * StoreLockedException} while another store holds it.
 *
 * <p>Thread-safe: one writer at a time; reads use TDB2 read transactions and the index's own lock.
 * The parts: {@link ConsentWriter} (write path), {@link GroupCommit} (concurrent single decisions
 * written together), {@link StoreReads} (reads), {@link PartnerRegistry}, {@link SubjectSalts},
 * {@link IndexLoader} (start-up) and {@link TdbDataset}.
 */
public final class ConsentStore implements AutoCloseable {
  private final StoreLock lock;
  private final TdbDataset tdb;
  private final SubjectSalts salts;
  private final ConsentIndex index;
  private final PartnerRegistry partners;
  private final ConsentWriter writer;
  private final GroupCommit group;

  private ConsentStore(
      StoreLock lock,
      TdbDataset tdb,
      SubjectSalts salts,
      ConsentJournal journal,
      ConsentIndex index,
      Map<String, Partner> loaded) {
    ShaclGate shacl = ShaclGate.load();
    this.lock = lock;
    this.tdb = tdb;
    this.salts = salts;
    this.index = index;
    this.partners = new PartnerRegistry(tdb, shacl, loaded);
    this.writer = new ConsentWriter(tdb, salts, journal, shacl, index, partners);
    this.group = new GroupCommit(tdb, writer);
  }

  /**
   * Opens (or creates) the store under {@code <data>/consent/} and rebuilds the index from TDB2.
   *
   * @param dataDir the Parley data directory
   * @param journal where changes are recorded (the ledger in production)
   * @return the open store
   * @throws StoreLockedException if another open store (in this or another process) holds the
   *     directory
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
    StoreLock lock = StoreLock.acquire(dir);
    SubjectSalts salts = null;
    TdbDataset connected = null;
    try {
      salts = SubjectSalts.open(dir.resolve("salts.bin"));
      SubjectSalts s = salts;
      TdbDataset tdb = TdbDataset.connect(dir.resolve("tdb2"));
      connected = tdb;
      ConsentIndex index = new ConsentIndex(Math.max(16, s.file().size()));
      Map<String, Partner> partners =
          tdb.read(
              () -> {
                try {
                  return IndexLoader.load(tdb.graph(), s.file(), index);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      s.file().retainOnly(index::contains);
      return new ConsentStore(lock, tdb, s, journal, index, partners);
    } catch (IOException | RuntimeException e) {
      try (lock) {
        if (connected != null) {
          connected.close(salts);
        } else if (salts != null) {
          salts.close();
        }
      }
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
    partners.register(partner);
  }

  /**
   * Returns a registered partner.
   *
   * @param id the partner id
   * @return the partner, if registered
   */
  public Optional<Partner> partner(String id) {
    return partners.get(id);
  }

  /**
   * Returns every registered partner, by id.
   *
   * @return the partners
   */
  public List<Partner> partners() {
    return partners.all();
  }

  /**
   * Records one decision (grant, withdrawal or refusal). Concurrent calls are written together
   * (group commit: one validation, ledger group and TDB2 transaction for all of them), each getting
   * the receipt or error it would have got alone.
   *
   * @param decision the decision
   * @return its receipt
   * @throws ConsentValidationException if the record violates the shapes (nothing changes)
   * @throws IllegalArgumentException if the record id is already used (nothing changes)
   * @throws ConsentStoreException if the ledger or the disk fails
   */
  public ConsentReceipt record(ConsentDecision decision) {
    return group.record(decision);
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
    return writer.recordAll(decisions);
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
    return writer.importBulk(decisions);
  }

  /**
   * Returns every record of a subject, oldest first (ledger order).
   *
   * @param subject the subject
   * @return the history; empty for an unknown or erased subject
   */
  public List<ConsentRecord> history(SubjectToken subject) {
    tdb.ensureOpen();
    Optional<String> c = salts.commitmentOf(subject);
    if (c.isEmpty()) {
      return List.of();
    }
    return tdb.read(() -> StoreReads.history(tdb.graph(), subject, c.get()));
  }

  /**
   * Returns the effective consent of a subject for every (partner, purpose) it ever decided.
   *
   * @param subject the subject
   * @param now the instant at which expiry is judged
   * @return one state per (partner, purpose), by partner then purpose
   */
  public List<ConsentState> currentState(SubjectToken subject, Instant now) {
    return StoreReads.states(history(subject), now);
  }

  /**
   * Returns the salted commitment that stands for a subject on the ledger and in the consent graph
   * (the {@code subject} of its {@code consent.changed} entries).
   *
   * @param subject the subject
   * @return 64 lowercase hex characters; empty for a subject never recorded or erased (its salt is
   *     gone, so nothing can recompute the commitment)
   */
  public Optional<String> commitment(SubjectToken subject) {
    tdb.ensureOpen();
    return salts.commitmentOf(subject);
  }

  /**
   * Exports everything stored about a subject as JSON-LD 1.1: its records (with expiry nodes), its
   * subject node and the partners they name.
   *
   * @param subject the subject
   * @return a JSON-LD document (an empty graph for an unknown subject)
   */
  public String exportJsonLd(SubjectToken subject) {
    tdb.ensureOpen();
    Optional<String> c = salts.commitmentOf(subject);
    return tdb.read(() -> StoreReads.exportJsonLd(tdb.graph(), c.orElse(null)));
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
    return writer.erase(subject);
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
   * Answers the clean room's bulk question the other way round, from the in-memory index: the
   * subjects with active consent for a purpose with every one of several partners (see {@link
   * ConsentIndex#consentedSet}).
   *
   * @param partners the partner ids, at least one
   * @param purpose the purpose
   * @param ledgerSize consider only decisions whose ledger index is below this size
   * @param now the instant at which expiry is judged
   * @param tokenLength the length of the tokens wanted
   * @return the set
   */
  public ConsentedSet consentedSet(
      List<String> partners, Purpose purpose, long ledgerSize, Instant now, int tokenLength) {
    return index.consentedSet(partners, purpose, ledgerSize, now, tokenLength);
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
    return tdb.read(() -> fn.apply(new GraphReadOnly(tdb.graph().getDefaultGraph())));
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
    tdb.compact();
  }

  /**
   * Returns the in-memory index.
   *
   * @return the index
   */
  public ConsentIndex index() {
    return index;
  }

  /** Closes the salt file, the dataset and then the directory lock; later calls do nothing. */
  @Override
  public void close() throws IOException {
    try {
      tdb.close(salts);
    } finally {
      lock.close();
    }
  }

  /** Validates the raw graph and commits it (for tests of the SHACL gate). */
  void commitGraph(Graph g) {
    writer.commitGraph(g);
  }
}
