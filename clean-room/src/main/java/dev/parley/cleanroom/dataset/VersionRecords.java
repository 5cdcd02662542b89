package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.CatalogRecord;
import dev.parley.cleanroom.engine.TableRef;
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
 * The registry's catalog records: one {@code dataset_version} record per version (key {@code
 * <partner>/<dataset>/<version, 19 digits>}, so keys sort by version) and one {@code upload_key}
 * record per upload key (key {@code <partner>/<uploadKey>}, value {@code {dataset, version}}).
 * Neither partner ids, dataset names nor upload keys contain {@code /}.
 */
final class VersionRecords {
  static final String VERSION_KIND = "dataset_version";
  static final String UPLOAD_KEY_KIND = "upload_key";

  private VersionRecords() {}

  /** A reference from an upload key to the version it created. */
  record KeyRef(String dataset, long version) {}

  static String versionPrefix(String partnerId, String dataset) {
    return partnerId + "/" + dataset + "/";
  }

  static String versionKey(String partnerId, String dataset, long version) {
    return versionPrefix(partnerId, dataset) + String.format("%019d", version);
  }

  static String uploadKeyKey(String partnerId, String uploadKey) {
    return partnerId + "/" + uploadKey;
  }

  static CatalogRecord versionRecord(DatasetVersion v) {
    JsonArray.Builder rejections = JsonArray.builder();
    for (RowRejection r : v.rejections()) {
      JsonObject.Builder b = JsonObject.builder().put("row", r.row()).put("reason", r.reason());
      if (r.column() != null) {
        b.put("column", r.column());
      }
      rejections.add(b.build());
    }
    JsonObject.Builder o =
        JsonObject.builder()
            .put("partner", v.partnerId())
            .put("dataset", v.dataset())
            .put("version", v.version())
            .put("table", v.table().table())
            .put("schema", SchemaJson.toJson(v.schema()))
            .put("digest", v.digest())
            .put("rows", v.rows())
            .put("rejected", v.rejected())
            .put("rejections", rejections.build())
            .put("uploadedAt", v.uploadedAt().toString())
            .put("ledgerFrom", v.ledgerFrom());
    v.uploadKey().ifPresent(k -> o.put("uploadKey", k));
    v.ledgerIndex().ifPresent(i -> o.put("ledgerIndex", i));
    return new CatalogRecord(
        VERSION_KIND,
        versionKey(v.partnerId(), v.dataset(), v.version()),
        Jcs.canonicalString(o.build()));
  }

  static DatasetVersion parseVersion(CatalogRecord record) {
    JsonObject o = (JsonObject) Jcs.parse(record.value().getBytes(StandardCharsets.UTF_8));
    List<RowRejection> rejections = new ArrayList<>();
    for (JsonValue value : o.getArray("rejections").elements()) {
      JsonObject r = (JsonObject) value;
      rejections.add(
          new RowRejection(
              r.getLong("row"),
              r.get("column").map(c -> ((JsonString) c).value()).orElse(null),
              r.getString("reason")));
    }
    String partner = o.getString("partner");
    return new DatasetVersion(
        partner,
        o.getString("dataset"),
        o.getLong("version"),
        new TableRef(o.getString("table"), partner),
        SchemaJson.parse(o.getObject("schema").canonicalBytes()),
        o.getString("digest"),
        o.getLong("rows"),
        o.getLong("rejected"),
        rejections,
        o.get("uploadKey").map(k -> ((JsonString) k).value()),
        Instant.parse(o.getString("uploadedAt")),
        o.getLong("ledgerFrom"),
        o.get("ledgerIndex").isPresent()
            ? Optional.of(o.getLong("ledgerIndex"))
            : Optional.empty());
  }

  static CatalogRecord keyRecord(DatasetVersion v) {
    return new CatalogRecord(
        UPLOAD_KEY_KIND,
        uploadKeyKey(v.partnerId(), v.uploadKey().orElseThrow()),
        Jcs.canonicalString(
            JsonObject.builder().put("dataset", v.dataset()).put("version", v.version()).build()));
  }

  static KeyRef parseKey(CatalogRecord record) {
    JsonObject o = (JsonObject) Jcs.parse(record.value().getBytes(StandardCharsets.UTF_8));
    return new KeyRef(o.getString("dataset"), o.getLong("version"));
  }

  /** Returns the body of the version's {@code dataset.uploaded} ledger entry. */
  static JsonObject ledgerBody(DatasetVersion v) {
    return JsonObject.builder()
        .put("partner", v.partnerId())
        .put("dataset", v.dataset())
        .put("version", v.version())
        .put("digest", v.digest())
        .put("rows", v.rows())
        .put("rejected", v.rejected())
        .build();
  }
}
