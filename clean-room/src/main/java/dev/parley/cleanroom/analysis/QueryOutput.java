package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.Sha256;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What leaves the clean room for one query: rows that met the threshold, how many did not, and for
 * an overlap the match-rate bucket. Its canonical JSON ({@link #toJson()}, RFC 8785) is what {@link
 * #digest()} hashes and the ledger's {@code query.released} entry commits to.
 *
 * <pre>{@code
 * {"kind": "segmentProfile", "groupColumns": ["globex/viewers.age_band"],
 *  "valueColumns": ["avg(acme/customers.spend)"],
 *  "rows": [{"group": ["18-24"], "subjects": 812, "values": [41.5]}],
 *  "suppressedRows": 2, "matchRate": null}
 * }</pre>
 *
 * <p>Under differential privacy each row also has {@code "noise"} ({@code {"subjects": cell,
 * "values": [cell, ...]}}, see {@link CellNoise}) and the output has {@code "privacy"} ({@link
 * ReleasePrivacy}); without it neither member appears, so outputs of collaborations without DP keep
 * exactly the form above (and their digests).
 *
 * @param kind the request's kind
 * @param groupColumns the headers of the group values
 * @param valueColumns the headers of the aggregate values
 * @param rows the released rows, in the engine's order (by group values)
 * @param suppressedRows how many groups were withheld for having fewer than k subjects (under DP: a
 *     noisy estimate, see {@code docs/privacy.md})
 * @param matchRate for an overlap whose count was released, the match-rate bucket
 * @param privacy how the output was protected, present exactly under differential privacy
 */
public record QueryOutput(
    RequestKind kind,
    List<String> groupColumns,
    List<String> valueColumns,
    List<OutputRow> rows,
    long suppressedRows,
    Optional<String> matchRate,
    Optional<ReleasePrivacy> privacy) {
  /** Copies the lists and checks that rows align with the headers. */
  public QueryOutput {
    Objects.requireNonNull(kind, "kind");
    groupColumns = List.copyOf(groupColumns);
    valueColumns = List.copyOf(valueColumns);
    rows = List.copyOf(rows);
    for (OutputRow r : rows) {
      if (r.group().size() != groupColumns.size() || r.values().size() != valueColumns.size()) {
        throw new IllegalArgumentException("row does not align with the output's columns");
      }
    }
    if (suppressedRows < 0) {
      throw new IllegalArgumentException("suppressedRows must be >= 0");
    }
    Objects.requireNonNull(matchRate, "matchRate");
    Objects.requireNonNull(privacy, "privacy");
    for (OutputRow r : rows) {
      if (r.noise().isPresent() != privacy.isPresent()) {
        throw new IllegalArgumentException("rows carry noise exactly when the output has privacy");
      }
    }
  }

  /**
   * Creates an output released without noise (thresholds only).
   *
   * @param kind the request's kind
   * @param groupColumns the headers of the group values
   * @param valueColumns the headers of the aggregate values
   * @param rows the released rows
   * @param suppressedRows how many groups were withheld
   * @param matchRate the match-rate bucket of an overlap
   */
  public QueryOutput(
      RequestKind kind,
      List<String> groupColumns,
      List<String> valueColumns,
      List<OutputRow> rows,
      long suppressedRows,
      Optional<String> matchRate) {
    this(kind, groupColumns, valueColumns, rows, suppressedRows, matchRate, Optional.empty());
  }

  /**
   * Returns the JSON form of the output.
   *
   * @return the object
   * @throws IllegalStateException if an aggregate is not finite (bounds too wide for a double)
   */
  public JsonObject toJson() {
    JsonArray.Builder rowsJson = JsonArray.builder();
    for (OutputRow r : rows) {
      JsonArray.Builder group = JsonArray.builder();
      r.group().forEach(g -> group.add(g == null ? JsonNull.INSTANCE : JsonString.of(g)));
      JsonArray.Builder values = JsonArray.builder();
      r.values().forEach(v -> values.add(number(v)));
      JsonObject.Builder row =
          JsonObject.builder()
              .put("group", group.build())
              .put("subjects", r.subjects())
              .put("values", values.build());
      r.noise().ifPresent(n -> row.put("noise", noiseJson(n)));
      rowsJson.add(row.build());
    }
    JsonObject.Builder out =
        JsonObject.builder()
            .put("kind", kind.wireName())
            .put("groupColumns", strings(groupColumns))
            .put("valueColumns", strings(valueColumns))
            .put("rows", rowsJson.build())
            .put("suppressedRows", suppressedRows)
            .put("matchRate", matchRate.<JsonValue>map(JsonString::of).orElse(JsonNull.INSTANCE));
    privacy.ifPresent(p -> out.put("privacy", p.toJson()));
    return out.build();
  }

  private static JsonObject noiseJson(RowNoise noise) {
    JsonArray.Builder values = JsonArray.builder();
    noise.values().forEach(c -> values.add(c.toJson()));
    return JsonObject.builder()
        .put("subjects", noise.subjects().toJson())
        .put("values", values.build())
        .build();
  }

  /**
   * Returns the output digest: SHA-256 of {@link #toJson()}'s canonical bytes, in lowercase hex.
   *
   * @return 64 hex characters
   */
  public String digest() {
    return Sha256.hex(toJson().canonicalBytes());
  }

  private static JsonValue number(Double v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (!Double.isFinite(v)) {
      throw new IllegalStateException("aggregate value is not finite");
    }
    return JsonNumber.of(v);
  }

  private static JsonArray strings(List<String> values) {
    JsonArray.Builder b = JsonArray.builder();
    values.forEach(b::add);
    return b.build();
  }
}
