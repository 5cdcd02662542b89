package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.CatalogEngine;
import dev.parley.cleanroom.engine.CatalogRecord;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog records of multi-part uploads: {@code upload_session} (key {@code
 * <partner>/<upload>}: the session), {@code upload_part} (key {@code <partner>/<upload>/<part, 5
 * digits>}: the receipt and its staging file's row count and SHA-256) and {@code upload_done} (key
 * {@code <partner>/<upload>}: the version it published, committed in the same transaction as the
 * version) and {@code upload_aborted} (key {@code <partner>/<upload>}: when and why the upload was
 * abandoned, by its partner or by expiry). Partner ids and upload ids contain no {@code /}.
 */
final class SessionRecords {
  static final String SESSION_KIND = "upload_session";
  static final String PART_KIND = "upload_part";
  static final String DONE_KIND = "upload_done";
  static final String ABORTED_KIND = "upload_aborted";

  private SessionRecords() {}

  /** An acknowledged part and its staging file's row count and SHA-256. */
  record StagedReceipt(PartReceipt receipt, long stagedRows, String stagedSha256) {}

  /** The version a completed upload published. */
  record Done(String dataset, long version) {}

  /** Why an upload was abandoned. */
  enum AbortReason {
    /** Its partner aborted it. */
    ABORTED("aborted"),
    /** It was not completed within {@link MultipartUploads#MAX_AGE} of being begun. */
    EXPIRED("expired");

    private final String wireName;

    AbortReason(String wireName) {
      this.wireName = wireName;
    }

    String wireName() {
      return wireName;
    }

    static AbortReason ofWire(String name) {
      for (AbortReason r : values()) {
        if (r.wireName.equals(name)) {
          return r;
        }
      }
      throw new IllegalArgumentException("reason: unknown abort reason '" + name + "'");
    }
  }

  /** An abandoned upload: when and why. */
  record Aborted(Instant at, AbortReason reason) {}

  /** Reads a session (empty for a malformed id). */
  static Optional<UploadSession> findSession(
      CatalogEngine engine, String partnerId, String uploadId) {
    if (uploadId == null || !UploadSession.ID.matcher(uploadId).matches()) {
      return Optional.empty();
    }
    return engine
        .catalogRecord(SESSION_KIND, sessionKey(partnerId, uploadId))
        .map(SessionRecords::parseSession);
  }

  /** Reads the version a session published, if it was completed. */
  static Optional<Done> findDone(CatalogEngine engine, String partnerId, String uploadId) {
    return engine
        .catalogRecord(DONE_KIND, sessionKey(partnerId, uploadId))
        .map(SessionRecords::parseDone);
  }

  /** Reads when and why a session was abandoned, if it was. */
  static Optional<Aborted> findAborted(CatalogEngine engine, String partnerId, String uploadId) {
    return engine
        .catalogRecord(ABORTED_KIND, sessionKey(partnerId, uploadId))
        .map(
            r -> {
              JsonObject o = parse(r);
              return new Aborted(
                  Instant.parse(o.getString("at")), AbortReason.ofWire(o.getString("reason")));
            });
  }

  static CatalogRecord aborted(String partnerId, String uploadId, Aborted a) {
    return new CatalogRecord(
        ABORTED_KIND,
        sessionKey(partnerId, uploadId),
        Jcs.canonicalString(
            JsonObject.builder()
                .put("at", a.at().toString())
                .put("reason", a.reason().wireName())
                .build()));
  }

  /** Reads a session's acknowledged parts, by part number. */
  static List<StagedReceipt> findParts(CatalogEngine engine, String partnerId, String uploadId) {
    return engine.catalogRecords(PART_KIND, partPrefix(partnerId, uploadId)).stream()
        .map(SessionRecords::parsePart)
        .toList();
  }

  /** Reads one acknowledged part. */
  static Optional<StagedReceipt> findPart(
      CatalogEngine engine, String partnerId, String uploadId, int part) {
    return engine
        .catalogRecord(PART_KIND, partKey(partnerId, uploadId, part))
        .map(SessionRecords::parsePart);
  }

  static String sessionKey(String partnerId, String uploadId) {
    return partnerId + "/" + uploadId;
  }

  static String partPrefix(String partnerId, String uploadId) {
    return sessionKey(partnerId, uploadId) + "/";
  }

  static String partKey(String partnerId, String uploadId, int part) {
    return partPrefix(partnerId, uploadId) + String.format("%05d", part);
  }

  static CatalogRecord session(UploadSession s) {
    JsonObject.Builder o =
        JsonObject.builder()
            .put("upload", s.id())
            .put("partner", s.partnerId())
            .put("schema", SchemaJson.toJson(s.schema()))
            .put("maxRejected", s.maxRejected())
            .put("createdAt", s.createdAt().toString());
    s.uploadKey().ifPresent(k -> o.put("uploadKey", k));
    return new CatalogRecord(
        SESSION_KIND, sessionKey(s.partnerId(), s.id()), Jcs.canonicalString(o.build()));
  }

  static UploadSession parseSession(CatalogRecord record) {
    JsonObject o = parse(record);
    return new UploadSession(
        o.getString("upload"),
        o.getString("partner"),
        SchemaJson.parse(o.getObject("schema").canonicalBytes()),
        o.get("uploadKey").map(k -> ((JsonString) k).value()),
        o.getLong("maxRejected"),
        Instant.parse(o.getString("createdAt")));
  }

  static CatalogRecord part(String partnerId, String uploadId, StagedReceipt staged) {
    PartReceipt p = staged.receipt();
    JsonObject o =
        JsonObject.builder()
            .put("part", p.part())
            .put("firstRow", p.firstRow())
            .put("rows", p.rows())
            .put("rejected", p.rejected())
            .put("rejections", rejections(p.rejections()))
            .put("sha256", p.sha256())
            .put("stagedRows", staged.stagedRows())
            .put("stagedSha256", staged.stagedSha256())
            .build();
    return new CatalogRecord(
        PART_KIND, partKey(partnerId, uploadId, p.part()), Jcs.canonicalString(o));
  }

  static StagedReceipt parsePart(CatalogRecord record) {
    JsonObject o = parse(record);
    List<RowRejection> rejections = new ArrayList<>();
    for (JsonValue v : o.getArray("rejections").elements()) {
      JsonObject r = (JsonObject) v;
      rejections.add(
          new RowRejection(
              r.getLong("row"),
              r.get("column").map(c -> ((JsonString) c).value()).orElse(null),
              r.getString("reason")));
    }
    return new StagedReceipt(
        new PartReceipt(
            (int) o.getLong("part"),
            o.getLong("firstRow"),
            o.getLong("rows"),
            o.getLong("rejected"),
            rejections,
            o.getString("sha256")),
        o.getLong("stagedRows"),
        o.getString("stagedSha256"));
  }

  static CatalogRecord done(String partnerId, String uploadId, DatasetVersion v) {
    return new CatalogRecord(
        DONE_KIND,
        sessionKey(partnerId, uploadId),
        Jcs.canonicalString(
            JsonObject.builder().put("dataset", v.dataset()).put("version", v.version()).build()));
  }

  static Done parseDone(CatalogRecord record) {
    JsonObject o = parse(record);
    return new Done(o.getString("dataset"), o.getLong("version"));
  }

  private static JsonArray rejections(List<RowRejection> rejections) {
    JsonArray.Builder a = JsonArray.builder();
    for (RowRejection r : rejections) {
      JsonObject.Builder b = JsonObject.builder().put("row", r.row()).put("reason", r.reason());
      if (r.column() != null) {
        b.put("column", r.column());
      }
      a.add(b.build());
    }
    return a.build();
  }

  private static JsonObject parse(CatalogRecord record) {
    return (JsonObject) Jcs.parse(record.value().getBytes(StandardCharsets.UTF_8));
  }
}
