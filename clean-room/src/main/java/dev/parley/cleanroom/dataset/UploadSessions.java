package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.CatalogEngine;
import dev.parley.cleanroom.engine.CatalogRecord;
import dev.parley.consent.partner.Partner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * The bookkeeping of multi-part uploads: their sessions, acknowledged parts, completions and
 * abandonments, written to and read back from the engine's catalog ({@link SessionRecords}) for the
 * partner asking, and one lock per existing upload; thread-safe.
 */
final class UploadSessions {
  private final CatalogEngine engine;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  UploadSessions(CatalogEngine engine) {
    this.engine = engine;
  }

  /** Returns a partner's upload; empty for another partner's, an unknown or a malformed id. */
  Optional<UploadSession> find(String partnerId, String uploadId) {
    Partner.requireId(partnerId, "partnerId");
    return SessionRecords.findSession(engine, partnerId, uploadId);
  }

  /** Returns a partner's upload, or throws {@link UploadNotFoundException}. */
  UploadSession require(String partnerId, String uploadId) {
    return find(partnerId, uploadId).orElseThrow(() -> new UploadNotFoundException(uploadId));
  }

  /** Throws {@link UploadNotFoundException}, saying when and why, if the upload was abandoned. */
  void requireNotAborted(String partnerId, String uploadId) {
    Optional<SessionRecords.Aborted> gone = aborted(partnerId, uploadId);
    if (gone.isPresent()) {
      throw new UploadNotFoundException(uploadId, describe(gone.get()));
    }
  }

  /** Describes an abandonment: why, and when. */
  static String describe(SessionRecords.Aborted a) {
    return (a.reason() == SessionRecords.AbortReason.EXPIRED
            ? "expired (not completed within " + MultipartUploads.MAX_AGE.toDays() + " days)"
            : "aborted")
        + " at "
        + a.at();
  }

  /** Returns the version the upload published, if it was completed. */
  Optional<SessionRecords.Done> done(String partnerId, String uploadId) {
    return SessionRecords.findDone(engine, partnerId, uploadId);
  }

  /** Returns when and why the upload was abandoned, if it was. */
  Optional<SessionRecords.Aborted> aborted(String partnerId, String uploadId) {
    return SessionRecords.findAborted(engine, partnerId, uploadId);
  }

  /** Returns the upload's acknowledged parts, in part order. */
  List<SessionRecords.StagedReceipt> parts(String partnerId, String uploadId) {
    return SessionRecords.findParts(engine, partnerId, uploadId);
  }

  /** Returns one acknowledged part, if it was acknowledged. */
  Optional<SessionRecords.StagedReceipt> part(String partnerId, String uploadId, int part) {
    return SessionRecords.findPart(engine, partnerId, uploadId, part);
  }

  /** Durably records a new session. */
  void putSession(UploadSession s) {
    engine.putCatalogRecord(SessionRecords.session(s));
  }

  /** Durably records a staged part's receipt, which acknowledges it. */
  void putPart(UploadSession s, SessionRecords.StagedReceipt staged) {
    engine.putCatalogRecord(SessionRecords.part(s.partnerId(), s.id(), staged));
  }

  /** Durably records that an upload was abandoned. */
  void putAborted(String partnerId, String uploadId, SessionRecords.Aborted aborted) {
    engine.putCatalogRecord(SessionRecords.aborted(partnerId, uploadId, aborted));
  }

  /** Returns every session of every partner, in key order, each parsed when reached. */
  Iterable<UploadSession> all() {
    List<CatalogRecord> records = engine.catalogRecords(SessionRecords.SESSION_KIND, "");
    return () -> records.stream().map(SessionRecords::parseSession).iterator();
  }

  /** Calls {@code action(partner, upload)} for every completed, then every abandoned, upload. */
  void forEachFinished(BiConsumer<String, String> action) {
    for (String kind : List.of(SessionRecords.DONE_KIND, SessionRecords.ABORTED_KIND)) {
      for (CatalogRecord r : engine.catalogRecords(kind, "")) {
        int slash = r.key().indexOf('/');
        action.accept(r.key().substring(0, slash), r.key().substring(slash + 1));
      }
    }
  }

  /** The lock of an existing upload (so the map holds one entry per upload, never per guess). */
  ReentrantLock lock(UploadSession s) {
    return locks.computeIfAbsent(s.partnerId() + "/" + s.id(), k -> new ReentrantLock());
  }
}
