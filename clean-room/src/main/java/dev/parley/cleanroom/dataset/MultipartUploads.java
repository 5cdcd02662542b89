package dev.parley.cleanroom.dataset;

import dev.parley.consent.partner.Partner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Multi-part, resumable uploads of dataset versions; thread-safe.
 *
 * <p>Life of a multi-part upload (see {@code docs/clean-room.md}, "Life of an upload"): {@link
 * #begin} records a session (partner, schema, upload key, {@code maxRejected}) durably in the
 * engine's catalog. Each {@link #putPart} streams one part (CSV or CSV.gz, starting with the header
 * row) through the same validation and tokenization as a single upload ({@link Ingest}), writes the
 * part's valid rows (tokens, never hashes) to a durable staging file, then records the part's
 * receipt; only then is it acknowledged. Re-sending an acknowledged part with the same bytes
 * returns its receipt; other bytes are a conflict. {@link #complete} checks that the parts are
 * numbered 1..n with contiguous row numbers and at most {@code maxRejected} rejected rows in all,
 * then copies the staged rows into a new version table, committed together with its registry row
 * and the session's {@code upload_done} record, and appends {@code dataset.uploaded}: all parts
 * become one version, or nothing does. Completing again returns the same result.
 *
 * <p>The version's digest is SHA-256 over the concatenation of the parts' raw 32-byte SHA-256
 * digests, in part order ({@link #digestOfParts}); a client that kept its parts' digests can
 * recompute it. Sessions and staged parts survive restarts; staging files of completed sessions are
 * deleted.
 *
 * <p>Abandoned uploads: a partner may {@link #abort} an upload it has not completed, and {@link
 * #expireAbandoned} abandons every upload not completed within {@link #MAX_AGE} of being begun (as
 * a storage lifecycle rule aborts incomplete multi-part uploads), so staged parts cannot pile up.
 * An abandoned upload's {@code upload_aborted} record is durable before its staging files are
 * deleted; from then on it is gone for its partner (its id is not found, its upload key cannot be
 * used again), and leftovers of a crash in between are deleted at the next start.
 *
 * <p>This class coordinates; the parts are package-private: {@code UploadSessions} (the catalog
 * records of each upload and its lock), {@code PartStaging} and {@code StagedPart} (staging files)
 * and {@code UploadCompletion} (the checks and totals of completion, without I/O).
 */
public final class MultipartUploads {
  /** The highest part number. */
  public static final int MAX_PARTS = 10_000;

  /** How long after being begun an upload that is not completed is kept: 7 days. */
  public static final Duration MAX_AGE = Duration.ofDays(7);

  private final DatasetService datasets;
  private final UploadSessions sessions;
  private final PartStaging staging;
  private final Clock clock;
  private final ReentrantLock beginLock = new ReentrantLock();

  private MultipartUploads(DatasetService datasets, Path staging, Clock clock) {
    this.datasets = datasets;
    this.sessions = new UploadSessions(datasets.engine());
    this.staging = new PartStaging(staging, datasets.tokenizer(), datasets.batchSize());
    this.clock = clock;
  }

  /**
   * Opens multi-part uploads over a dataset service, deleting the staging files of sessions that a
   * crash left behind after their completion or abandonment, and abandoning expired uploads.
   *
   * @param datasets the dataset service whose versions the uploads publish
   * @param stagingDir the directory of staged parts (e.g. {@code <data>/clean-room/staging})
   * @param clock the clock sessions are stamped with
   * @return the service
   * @throws IOException if the staging directory cannot be created
   */
  public static MultipartUploads open(DatasetService datasets, Path stagingDir, Clock clock)
      throws IOException {
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(clock, "clock");
    Files.createDirectories(stagingDir);
    MultipartUploads uploads = new MultipartUploads(datasets, stagingDir, clock);
    uploads.sessions.forEachFinished(uploads.staging::delete);
    uploads.expireAbandoned();
    return uploads;
  }

  /**
   * A begun (or resumed) upload.
   *
   * @param status the upload's status, with the parts it already acknowledged
   * @param created whether the upload was created now (false: an upload key resumed it)
   */
  public record Begun(UploadStatus status, boolean created) {}

  /**
   * Begins an upload, or resumes the one begun earlier with the same upload key.
   *
   * @param partnerId the uploading partner
   * @param schema the dataset's schema
   * @param options the upload key and the tolerated number of invalid rows
   * @return the upload's status, and whether it was created now
   * @throws UploadStateException if the key was used for another dataset, schema or {@code
   *     maxRejected}, or by a single-request upload
   */
  public Begun begin(String partnerId, DatasetSchema schema, UploadOptions options) {
    Partner.requireId(partnerId, "partnerId");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    String id =
        options
            .uploadKey()
            .map(k -> UploadSession.keyedId(partnerId, k))
            .orElseGet(UploadSession::randomId);
    beginLock.lock();
    try {
      Optional<UploadSession> prior = sessions.find(partnerId, id);
      if (prior.isPresent()) {
        UploadSession s = prior.get();
        Optional<SessionRecords.Aborted> gone = sessions.aborted(partnerId, id);
        if (gone.isPresent()) {
          throw new UploadStateException(
              "uploadKey: '"
                  + options.uploadKey().orElseThrow()
                  + "' belonged to an upload that was "
                  + UploadSessions.describe(gone.get())
                  + "; use a new key");
        }
        if (!s.schema().equals(schema) || s.maxRejected() != options.maxRejected()) {
          throw new UploadStateException(
              "uploadKey: '"
                  + options.uploadKey().orElseThrow()
                  + "' was already used for an upload of "
                  + s.dataset()
                  + " with another schema or maxRejected");
        }
        return new Begun(status(s), false);
      }
      if (options.uploadKey().isPresent()) {
        var used = datasets.usedKey(partnerId, options.uploadKey().get());
        if (used.isPresent()) {
          throw new UploadStateException(
              "uploadKey: '"
                  + options.uploadKey().get()
                  + "' was already used for "
                  + used.get().dataset()
                  + " v"
                  + used.get().version());
        }
      }
      UploadSession s =
          new UploadSession(
              id, partnerId, schema, options.uploadKey(), options.maxRejected(), clock.instant());
      sessions.putSession(s);
      return new Begun(new UploadStatus(s, List.of(), Optional.empty()), true);
    } finally {
      beginLock.unlock();
    }
  }

  /**
   * Validates, tokenizes and stages one part, or acknowledges it again.
   *
   * @param partnerId the uploading partner
   * @param uploadId the upload
   * @param part the part number, 1 to {@value #MAX_PARTS}
   * @param firstRow the upload-wide row number of the part's first data row (1 for part 1)
   * @param body the part: CSV or CSV.gz starting with the header row; read to the end, not closed
   * @return the part's receipt
   * @throws UploadNotFoundException if the partner has no such upload
   * @throws UploadStateException if the upload is completed, or the part was acknowledged with
   *     other bytes or another first row
   * @throws DatasetUploadException if the part's header, CSV or gzip is malformed; nothing stored
   * @throws IOException if reading or storing fails; nothing acknowledged
   */
  public PartReceipt putPart(
      String partnerId, String uploadId, int part, long firstRow, InputStream body)
      throws IOException {
    if (part < 1 || part > MAX_PARTS) {
      throw new IllegalArgumentException("part: must be 1-" + MAX_PARTS + ", got " + part);
    }
    if (firstRow < 1) {
      throw new IllegalArgumentException("firstRow: must be >= 1, got " + firstRow);
    }
    UploadSession s = sessions.require(partnerId, uploadId);
    ReentrantLock lock = sessions.lock(s);
    lock.lock();
    try {
      sessions.requireNotAborted(partnerId, uploadId);
      if (sessions.done(partnerId, uploadId).isPresent()) {
        throw new UploadStateException("upload " + uploadId + " is already completed");
      }
      Optional<SessionRecords.StagedReceipt> prior = sessions.part(partnerId, uploadId, part);
      if (prior.isPresent()) {
        PartReceipt p = prior.get().receipt();
        String digest = HexFormat.of().formatHex(UploadInput.digestAll(body));
        if (!p.sha256().equals(digest) || p.firstRow() != firstRow) {
          throw new UploadStateException(
              "part "
                  + part
                  + " was already acknowledged with other content (SHA-256 "
                  + p.sha256()
                  + ", first row "
                  + p.firstRow()
                  + ")");
        }
        return p;
      }
      return stage(s, part, firstRow, body);
    } finally {
      lock.unlock();
    }
  }

  private PartReceipt stage(UploadSession s, int part, long firstRow, InputStream body)
      throws IOException {
    SessionRecords.StagedReceipt staged = staging.stage(s, part, firstRow, body);
    sessions.putPart(s, staged);
    return staged.receipt();
  }

  /**
   * Returns an upload's status.
   *
   * @param partnerId the partner asking
   * @param uploadId the upload
   * @return the status, or empty if the partner has no such upload
   */
  public Optional<UploadStatus> status(String partnerId, String uploadId) {
    Optional<UploadSession> s = sessions.find(partnerId, uploadId);
    if (s.isEmpty() || sessions.aborted(partnerId, uploadId).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(status(s.get()));
  }

  private UploadStatus status(UploadSession s) {
    List<PartReceipt> parts = new ArrayList<>();
    for (SessionRecords.StagedReceipt p : sessions.parts(s.partnerId(), s.id())) {
      parts.add(p.receipt());
    }
    Optional<UploadResult> result =
        sessions
            .done(s.partnerId(), s.id())
            .flatMap(d -> datasets.describe(s.partnerId(), d.dataset(), d.version()))
            .filter(DatasetVersion::published)
            .map(DatasetVersion::toResult);
    return new UploadStatus(s, parts, result);
  }

  /**
   * Publishes the acknowledged parts as one new version, or returns the version published before.
   *
   * @param partnerId the uploading partner
   * @param uploadId the upload
   * @return the version
   * @throws UploadNotFoundException if the partner has no such upload
   * @throws UploadStateException if no part was sent, a part is missing or the row numbers of two
   *     consecutive parts do not join up
   * @throws DatasetUploadException if more rows were rejected than {@code maxRejected}; nothing is
   *     published
   * @throws IOException if a staged part is unreadable, or the version was stored but its ledger
   *     entry could not be appended (completing again appends it)
   */
  public UploadResult complete(String partnerId, String uploadId) throws IOException {
    UploadSession s = sessions.require(partnerId, uploadId);
    ReentrantLock lock = sessions.lock(s);
    lock.lock();
    try {
      sessions.requireNotAborted(partnerId, uploadId);
      Optional<SessionRecords.Done> done = sessions.done(partnerId, uploadId);
      if (done.isPresent()) {
        DatasetVersion v =
            datasets
                .describe(partnerId, done.get().dataset(), done.get().version())
                .orElseThrow(() -> new IllegalStateException("completed version is missing"));
        return datasets.resultOf(v);
      }
      List<SessionRecords.StagedReceipt> parts = sessions.parts(partnerId, uploadId);
      DatasetService.Loaded totals = UploadCompletion.totals(parts, s.maxRejected());
      UploadResult result =
          datasets.store(
              partnerId,
              s.schema(),
              s.uploadKey(),
              v -> List.of(SessionRecords.done(partnerId, uploadId, v)),
              writer -> {
                for (SessionRecords.StagedReceipt p : parts) {
                  StagedPart.copy(
                      staging.file(partnerId, uploadId, p.receipt().part()),
                      s.schema().columnDefs(),
                      p.stagedRows(),
                      p.stagedSha256(),
                      writer);
                }
                return totals;
              });
      staging.delete(partnerId, uploadId);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Aborts an upload that is not completed: its staged parts are deleted, and its id and upload key
   * cannot be used again.
   *
   * @param partnerId the uploading partner
   * @param uploadId the upload
   * @throws UploadNotFoundException if the partner has no such upload, or it was already abandoned
   * @throws UploadStateException if the upload is completed (its version stays published)
   */
  public void abort(String partnerId, String uploadId) {
    UploadSession s = sessions.require(partnerId, uploadId);
    ReentrantLock lock = sessions.lock(s);
    lock.lock();
    try {
      sessions.requireNotAborted(partnerId, uploadId);
      if (sessions.done(partnerId, uploadId).isPresent()) {
        throw new UploadStateException(
            "upload " + uploadId + " is completed; a published version cannot be aborted");
      }
      abandon(partnerId, uploadId, SessionRecords.AbortReason.ABORTED);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Abandons every upload that was begun more than {@link #MAX_AGE} ago and is neither completed
   * nor already abandoned; run at start and periodically.
   *
   * @return how many uploads expired now
   */
  public int expireAbandoned() {
    Instant cutoff = clock.instant().minus(MAX_AGE);
    int expired = 0;
    for (UploadSession s : sessions.all()) {
      if (!s.createdAt().isBefore(cutoff)) {
        continue;
      }
      ReentrantLock lock = sessions.lock(s);
      lock.lock();
      try {
        if (sessions.done(s.partnerId(), s.id()).isEmpty()
            && sessions.aborted(s.partnerId(), s.id()).isEmpty()) {
          abandon(s.partnerId(), s.id(), SessionRecords.AbortReason.EXPIRED);
          expired++;
        }
      } finally {
        lock.unlock();
      }
    }
    return expired;
  }

  /** Records the abandonment durably, then deletes the staged parts; the caller holds the lock. */
  private void abandon(String partnerId, String uploadId, SessionRecords.AbortReason reason) {
    sessions.putAborted(partnerId, uploadId, new SessionRecords.Aborted(clock.instant(), reason));
    staging.delete(partnerId, uploadId);
  }

  /**
   * Returns the digest of a multi-part upload: SHA-256 over the parts' raw SHA-256 digests
   * concatenated in part order.
   *
   * @param partDigests each part's 32-byte SHA-256, in part order
   * @return the 32-byte digest
   */
  public static byte[] digestOfParts(List<byte[]> partDigests) {
    return UploadCompletion.digestOfParts(partDigests);
  }
}
