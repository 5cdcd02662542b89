package dev.parley.gateway.cleanroom;

import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.RulesJson;
import dev.parley.cleanroom.dataset.DatasetVersion;
import dev.parley.cleanroom.dataset.PartReceipt;
import dev.parley.cleanroom.dataset.RowRejection;
import dev.parley.cleanroom.dataset.UploadResult;
import dev.parley.cleanroom.dataset.UploadStatus;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON answers of the clean-room routes (see {@code openapi.yaml}, tag {@code clean-room}). */
final class CleanRoomJson {
  private CleanRoomJson() {}

  /** {@code {row, column?, reason}}. */
  static JsonObject rejection(RowRejection r) {
    JsonObject.Builder b = JsonObject.builder().put("row", r.row()).put("reason", r.reason());
    if (r.column() != null) {
      b.put("column", r.column());
    }
    return b.build();
  }

  static JsonArray rejections(List<RowRejection> list) {
    JsonArray.Builder a = JsonArray.builder();
    list.forEach(r -> a.add(rejection(r)));
    return a.build();
  }

  /** The answer to a part: {@code {part, firstRow, rows, rejected, rejections, sha256}}. */
  static JsonObject part(PartReceipt p) {
    return JsonObject.builder()
        .put("part", p.part())
        .put("firstRow", p.firstRow())
        .put("rows", p.rows())
        .put("rejected", p.rejected())
        .put("rejections", rejections(p.rejections()))
        .put("sha256", p.sha256())
        .build();
  }

  /** An upload's status; {@code result} is present once completed. */
  static JsonObject upload(UploadStatus s) {
    JsonArray.Builder parts = JsonArray.builder();
    for (PartReceipt p : s.parts()) {
      parts.add(
          JsonObject.builder()
              .put("part", p.part())
              .put("firstRow", p.firstRow())
              .put("rows", p.rows())
              .put("rejected", p.rejected())
              .put("sha256", p.sha256())
              .build());
    }
    JsonObject.Builder b =
        JsonObject.builder()
            .put("upload", s.session().id())
            .put("dataset", s.session().dataset())
            .put("maxRejected", s.session().maxRejected())
            .put("rejected", s.rejected())
            .put("partsReceived", parts.build())
            .put("state", s.completed() ? "completed" : "open");
    s.session().uploadKey().ifPresent(k -> b.put("uploadKey", k));
    s.result().ifPresent(r -> b.put("result", result(r)));
    return b.build();
  }

  /**
   * A published version: {@code {dataset, version, rows, rejected, rejections, digest,
   * ledgerIndex}}.
   */
  static JsonObject result(UploadResult r) {
    return JsonObject.builder()
        .put("dataset", r.dataset())
        .put("version", r.version())
        .put("rows", r.rows())
        .put("rejected", r.rejected())
        .put("rejections", rejections(r.rejections()))
        .put("digest", r.digest())
        .put("ledgerIndex", r.ledgerIndex())
        .build();
  }

  /** A partner's datasets, each with its versions, oldest first. */
  static JsonObject datasets(List<DatasetVersion> versions) {
    Map<String, List<JsonObject>> byDataset = new LinkedHashMap<>();
    for (DatasetVersion v : versions) {
      JsonObject.Builder b =
          JsonObject.builder()
              .put("version", v.version())
              .put("rows", v.rows())
              .put("rejected", v.rejected())
              .put("digest", v.digest())
              .put("uploadedAt", v.uploadedAt().toString());
      v.ledgerIndex().ifPresent(i -> b.put("ledgerIndex", i.longValue()));
      byDataset.computeIfAbsent(v.dataset(), k -> new ArrayList<>()).add(b.build());
    }
    List<JsonObject> out = new ArrayList<>();
    byDataset.forEach(
        (name, list) ->
            out.add(
                JsonObject.builder()
                    .put("dataset", name)
                    .put("versions", Work.array(list))
                    .build()));
    return JsonObject.builder().put("datasets", Work.array(out)).build();
  }

  /** A collaboration with its rules, rules hash, approvals and state. */
  static JsonObject collaboration(Collaboration c) {
    JsonArray.Builder members = JsonArray.builder();
    c.members().forEach(members::add);
    JsonObject.Builder approvals = JsonObject.builder();
    c.approvals().forEach((p, i) -> approvals.put(p, i.longValue()));
    return JsonObject.builder()
        .put("id", c.id())
        .put("members", members.build())
        .put("purpose", c.purpose().wireName())
        .put("rules", RulesJson.toJson(c.rules()))
        .put("rulesHash", c.rulesHash())
        .put("creator", c.creator())
        .put("createdIndex", c.createdIndex())
        .put("approvals", approvals.build())
        .put("state", c.state().name().toLowerCase(Locale.ROOT))
        .build();
  }
}
