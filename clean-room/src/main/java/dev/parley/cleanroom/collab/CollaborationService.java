package dev.parley.cleanroom.collab;

import dev.parley.cleanroom.collab.CollaborationException.Kind;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.store.Appended;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Creates collaborations, records members' approvals of their rules, and keeps them durably in
 * {@code <data>/clean-room/collaborations/<id>.json}.
 *
 * <p>Every change is on the ledger before it is on disk: {@code collaboration.created} (with the
 * members, purpose, rules and rules hash) followed by the creator's {@code collaboration.approved},
 * then one {@code collaboration.approved} per further member. A crash after the ledger append and
 * before the file write leaves entries for a collaboration that is not stored; the caller got no
 * result and may retry (an auditor sees the repeated {@code collaboration.created}). Files are
 * replaced atomically with {@link DurableFiles}.
 *
 * <p>Thread-safe: changes are serialized; reads see the latest committed collaborations.
 */
public final class CollaborationService {
  private final Path dir;
  private final LedgerStore ledger;
  private final PartnerRegistry partners;
  private final Map<String, Collaboration> byId;
  private final ReentrantLock writer = new ReentrantLock();

  private CollaborationService(
      Path dir, LedgerStore ledger, PartnerRegistry partners, Map<String, Collaboration> byId) {
    this.dir = dir;
    this.ledger = ledger;
    this.partners = partners;
    this.byId = new ConcurrentHashMap<>(byId);
  }

  /**
   * Opens the service, loading every stored collaboration.
   *
   * @param dataDir the Parley data directory
   * @param ledger where changes are recorded
   * @param partners which partner ids are registered
   * @return the service
   * @throws IOException if a stored file cannot be read or is invalid (naming the file and field)
   */
  public static CollaborationService open(
      Path dataDir, LedgerStore ledger, PartnerRegistry partners) throws IOException {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(partners, "partners");
    Path dir = dataDir.resolve("clean-room").resolve("collaborations");
    Map<String, Collaboration> loaded = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[a-z]*.json")) {
        for (Path f : files) {
          Collaboration c = load(f);
          loaded.put(c.id(), c);
        }
      }
    }
    return new CollaborationService(dir, ledger, partners, loaded);
  }

  private static Collaboration load(Path file) throws IOException {
    try {
      Collaboration c = CollaborationJson.fromStored(Jcs.parse(Files.readAllBytes(file)));
      if (!file.getFileName().toString().equals(c.id() + ".json")) {
        throw new IOException(file + ": holds collaboration '" + c.id() + "'");
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates a collaboration proposed by one of its members, whose proposal counts as its approval.
   *
   * @param creator the proposing partner, which must be among {@code members}
   * @param id the new collaboration's id
   * @param members the members (registered partners, at least two)
   * @param purpose the purpose queries run under
   * @param rules the analysis rules
   * @return the collaboration, pending until every other member approves
   * @throws CollaborationException {@code INVALID} for bad input or unregistered members, {@code
   *     CONFLICT} if the id exists, {@code STORAGE} if the ledger or disk fails
   */
  public Collaboration create(
      String creator, String id, Collection<String> members, Purpose purpose, AnalysisRules rules) {
    writer.lock();
    try {
      Collaboration proposed;
      try {
        proposed =
            new Collaboration(
                id,
                List.copyOf(members),
                purpose,
                rules,
                rules.hash(),
                creator,
                0,
                new TreeMap<>());
      } catch (IllegalArgumentException e) {
        throw new CollaborationException(Kind.INVALID, e.getMessage(), e);
      }
      for (String m : proposed.members()) {
        if (!partners.isRegistered(m)) {
          throw new CollaborationException(
              Kind.INVALID, "members: '" + m + "' is not a registered partner");
        }
      }
      if (byId.containsKey(id)) {
        throw new CollaborationException(
            Kind.CONFLICT, "collaboration '" + id + "' already exists");
      }
      CompletableFuture<Appended> created =
          append(EntryType.COLLABORATION_CREATED, CollaborationJson.createdEntry(proposed));
      CompletableFuture<Appended> approved =
          append(
              EntryType.COLLABORATION_APPROVED,
              CollaborationJson.approvedEntry(id, creator, proposed.rulesHash()));
      long createdIndex = await(created, "collaboration.created of '" + id + "'");
      long approvedIndex = await(approved, "collaboration.approved of '" + id + "' by " + creator);
      TreeMap<String, Long> approvals = new TreeMap<>();
      approvals.put(creator, approvedIndex);
      Collaboration c =
          new Collaboration(
              id,
              proposed.members(),
              purpose,
              rules,
              proposed.rulesHash(),
              creator,
              createdIndex,
              approvals);
      store(c);
      return c;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Records a member's approval of the collaboration's current rules.
   *
   * <p>Approving again is not an error: the existing approval is kept and no entry is appended.
   *
   * @param collaborationId the collaboration
   * @param partnerId the approving partner
   * @param rulesHash the rules hash the partner reviewed; must be the current one
   * @return the collaboration after the approval (active once every member approved)
   * @throws CollaborationException {@code NOT_FOUND}, {@code NOT_A_MEMBER}, {@code CONFLICT} if the
   *     hash is not the current rules hash, or {@code STORAGE}
   */
  public Collaboration approve(String collaborationId, String partnerId, String rulesHash) {
    writer.lock();
    try {
      Collaboration c = require(collaborationId);
      if (!c.isMember(partnerId)) {
        throw new CollaborationException(
            Kind.NOT_A_MEMBER,
            "partner '" + partnerId + "' is not a member of '" + collaborationId + "'");
      }
      if (!c.rulesHash().equals(rulesHash)) {
        throw new CollaborationException(
            Kind.CONFLICT,
            "rulesHash: does not match the current rules hash of '"
                + collaborationId
                + "' ("
                + c.rulesHash()
                + ")");
      }
      if (c.hasApproved(partnerId)) {
        return c;
      }
      long index =
          await(
              append(
                  EntryType.COLLABORATION_APPROVED,
                  CollaborationJson.approvedEntry(collaborationId, partnerId, rulesHash)),
              "collaboration.approved of '" + collaborationId + "' by " + partnerId);
      Collaboration updated = c.withApproval(partnerId, index);
      store(updated);
      return updated;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Looks a collaboration up.
   *
   * @param collaborationId the id
   * @return the collaboration, if it exists
   */
  public Optional<Collaboration> find(String collaborationId) {
    return Optional.ofNullable(byId.get(collaborationId));
  }

  /**
   * Looks a collaboration up, failing if it does not exist.
   *
   * @param collaborationId the id
   * @return the collaboration
   * @throws CollaborationException {@code NOT_FOUND}
   */
  public Collaboration require(String collaborationId) {
    return find(collaborationId)
        .orElseThrow(
            () ->
                new CollaborationException(
                    Kind.NOT_FOUND, "no collaboration '" + collaborationId + "'"));
  }

  /**
   * Returns the collaborations a partner is a member of.
   *
   * @param partnerId the partner
   * @return them, sorted by id
   */
  public List<Collaboration> forMember(String partnerId) {
    List<Collaboration> out = new ArrayList<>();
    for (Collaboration c : new TreeMap<>(byId).values()) {
      if (c.isMember(partnerId)) {
        out.add(c);
      }
    }
    return out;
  }

  private CompletableFuture<Appended> append(EntryType type, JsonObject body) {
    try {
      return ledger.append(type, body);
    } catch (IllegalArgumentException e) {
      throw new CollaborationException(Kind.INVALID, type.wireName() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CollaborationException(Kind.STORAGE, "ledger refused " + type.wireName(), e);
    }
  }

  private static long await(CompletableFuture<Appended> pending, String what) {
    try {
      return pending.join().index();
    } catch (CompletionException e) {
      throw new CollaborationException(Kind.STORAGE, "ledger failed to record " + what, e);
    }
  }

  private void store(Collaboration c) {
    byte[] bytes = CollaborationJson.toStored(c).canonicalBytes();
    try {
      DurableFiles.write(dir.resolve(c.id() + ".json"), bytes, false);
    } catch (IOException e) {
      throw new CollaborationException(
          Kind.STORAGE,
          "collaboration '" + c.id() + "' is on the ledger but could not be stored",
          e);
    }
    byId.put(c.id(), c);
  }
}
