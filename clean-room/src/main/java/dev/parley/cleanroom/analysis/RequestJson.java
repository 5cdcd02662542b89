package dev.parley.cleanroom.analysis;

import static dev.parley.ledger.jcs.StrictJson.array;
import static dev.parley.ledger.jcs.StrictJson.child;
import static dev.parley.ledger.jcs.StrictJson.element;
import static dev.parley.ledger.jcs.StrictJson.matching;
import static dev.parley.ledger.jcs.StrictJson.object;
import static dev.parley.ledger.jcs.StrictJson.onlyFields;
import static dev.parley.ledger.jcs.StrictJson.required;
import static dev.parley.ledger.jcs.StrictJson.string;

import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.RulesJson;
import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.jcs.StrictJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The JSON form of analysis requests: strict parsing with field-path errors, and the normalized
 * form whose RFC 8785 canonical bytes are the request hash's input.
 *
 * <pre>{@code
 * {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
 *                                  {"partner": "globex", "dataset": "viewers"}]}
 * {"type": "segmentProfile",
 *  "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["age_band"]},
 *  "among": {"partner": "acme", "dataset": "customers"},
 *  "metrics": [{"aggregate": "avg", "partner": "acme", "dataset": "customers",
 *               "column": "spend"}]}
 * {"type": "metricBreakdown", "datasets": [...],
 *  "groupBy": [{"partner": "globex", "dataset": "viewers", "column": "region"}],
 *  "metrics": [{"aggregate": "sum", "partner": "acme", "dataset": "customers",
 *               "column": "spend"}]}
 * }</pre>
 *
 * <p>{@code metrics} of a segment profile and {@code groupBy} of a breakdown may be omitted
 * (empty); the normalized form always has them, so both spellings hash alike.
 */
public final class RequestJson {
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final String COLUMN_SYNTAX = "[a-z][a-z0-9_]{0,62}";
  private static final Set<String> OVERLAP_FIELDS = Set.of("type", "datasets");
  private static final Set<String> PROFILE_FIELDS = Set.of("type", "profile", "among", "metrics");
  private static final Set<String> BREAKDOWN_FIELDS =
      Set.of("type", "datasets", "groupBy", "metrics");
  private static final Set<String> KEY_FIELDS = Set.of("partner", "dataset");
  private static final Set<String> PROFILE_KEY_FIELDS = Set.of("partner", "dataset", "dimensions");
  private static final Set<String> COLUMN_FIELDS = Set.of("partner", "dataset", "column");
  private static final Set<String> METRIC_FIELDS =
      Set.of("aggregate", "partner", "dataset", "column");

  private RequestJson() {}

  /**
   * Parses a request from strict I-JSON (RFC 8785 §3.1).
   *
   * @param utf8 the request body
   * @return the request
   * @throws InvalidRequestException naming the field path (or the byte offset of bad JSON)
   */
  public static AnalysisRequest parse(byte[] utf8) {
    JsonValue root;
    try {
      root = Jcs.parse(utf8);
    } catch (InvalidJsonException e) {
      throw new InvalidRequestException(
          e.path().isEmpty() ? "$" : e.path(), e.reason() + " at byte offset " + e.byteOffset(), e);
    }
    return fromJson(root);
  }

  /**
   * Reads a request from parsed JSON.
   *
   * @param root the request object
   * @return the request
   * @throws InvalidRequestException naming the field path
   */
  public static AnalysisRequest fromJson(JsonValue root) {
    try {
      JsonObject o = object(root, "$");
      String type = string(o, "$", "type");
      RequestKind kind =
          RequestKind.byWireName(type)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "type",
                          "unknown request type "
                              + StrictJson.quote(type)
                              + "; expected one of "
                              + Arrays.stream(RequestKind.values())
                                  .map(RequestKind::wireName)
                                  .toList()));
      return switch (kind) {
        case OVERLAP -> overlap(onlyFields(o, "$", OVERLAP_FIELDS));
        case SEGMENT_PROFILE -> profile(onlyFields(o, "$", PROFILE_FIELDS));
        case METRIC_BREAKDOWN -> breakdown(onlyFields(o, "$", BREAKDOWN_FIELDS));
      };
    } catch (InvalidRequestException e) {
      throw e;
    } catch (InvalidFieldException e) {
      throw new InvalidRequestException(e.path(), e.reason(), e);
    }
  }

  private static OverlapRequest overlap(JsonObject o) {
    return new OverlapRequest(list(o, "datasets", RequestJson::datasetKey));
  }

  private static SegmentProfileRequest profile(JsonObject o) {
    JsonObject p =
        onlyFields(object(required(o, "$", "profile"), "profile"), "profile", PROFILE_KEY_FIELDS);
    JsonObject a = onlyFields(object(required(o, "$", "among"), "among"), "among", KEY_FIELDS);
    List<String> dims = new ArrayList<>();
    JsonArray d = array(p, "profile", "dimensions");
    for (int i = 0; i < d.size(); i++) {
      dims.add(matching(d.get(i), element("profile.dimensions", i), COLUMN, COLUMN_SYNTAX));
    }
    List<MetricSelector> metrics =
        o.get("metrics").isPresent() ? list(o, "metrics", RequestJson::metric) : List.of();
    return new SegmentProfileRequest(
        RulesJson.key(p, "profile"), dims, RulesJson.key(a, "among"), metrics);
  }

  private static MetricBreakdownRequest breakdown(JsonObject o) {
    return new MetricBreakdownRequest(
        list(o, "datasets", RequestJson::datasetKey),
        o.get("groupBy").isPresent() ? list(o, "groupBy", RequestJson::column) : List.of(),
        list(o, "metrics", RequestJson::metric));
  }

  private static <T> List<T> list(
      JsonObject o, String name, BiFunction<JsonValue, String, T> element) {
    JsonArray a = array(o, "$", name);
    List<T> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(element.apply(a.get(i), element(name, i)));
    }
    return out;
  }

  private static DatasetKey datasetKey(JsonValue v, String path) {
    return RulesJson.key(onlyFields(object(v, path), path, KEY_FIELDS), path);
  }

  private static ColumnSelector column(JsonValue v, String path) {
    JsonObject o = onlyFields(object(v, path), path, COLUMN_FIELDS);
    return columnOf(o, path);
  }

  private static ColumnSelector columnOf(JsonObject o, String path) {
    String column =
        matching(required(o, path, "column"), child(path, "column"), COLUMN, COLUMN_SYNTAX);
    return new ColumnSelector(RulesJson.key(o, path), column);
  }

  private static MetricSelector metric(JsonValue v, String path) {
    JsonObject o = onlyFields(object(v, path), path, METRIC_FIELDS);
    String aggPath = child(path, "aggregate");
    AggregateFunction f = AggregateFunction.parse(string(o, path, "aggregate"), aggPath);
    if (f == AggregateFunction.COUNT_DISTINCT_SUBJECTS) {
      throw new InvalidRequestException(
          aggPath, "must be 'sum' or 'avg'; every row already carries its subject count");
    }
    return new MetricSelector(f, columnOf(o, path));
  }

  /**
   * Returns the normalized JSON form of a request (what the request hash covers).
   *
   * @param request the request
   * @return the object
   */
  public static JsonObject toJson(AnalysisRequest request) {
    JsonObject.Builder b = JsonObject.builder().put("type", request.kind().wireName());
    switch (request) {
      case OverlapRequest r -> b.put("datasets", keys(r.datasets()));
      case SegmentProfileRequest r -> {
        JsonArray.Builder dims = JsonArray.builder();
        r.dimensions().forEach(dims::add);
        b.put(
                "profile",
                JsonObject.builder()
                    .put("partner", r.profile().partner())
                    .put("dataset", r.profile().dataset())
                    .put("dimensions", dims.build())
                    .build())
            .put("among", key(r.among()))
            .put("metrics", metrics(r.metrics()));
      }
      case MetricBreakdownRequest r -> {
        JsonArray.Builder groupBy = JsonArray.builder();
        r.groupBy().forEach(c -> groupBy.add(column(c).build()));
        b.put("datasets", keys(r.datasets()))
            .put("groupBy", groupBy.build())
            .put("metrics", metrics(r.metrics()));
      }
    }
    return b.build();
  }

  private static JsonObject key(DatasetKey k) {
    return JsonObject.builder().put("partner", k.partner()).put("dataset", k.dataset()).build();
  }

  private static JsonArray keys(List<DatasetKey> keys) {
    JsonArray.Builder a = JsonArray.builder();
    keys.forEach(k -> a.add(key(k)));
    return a.build();
  }

  private static JsonObject.Builder column(ColumnSelector c) {
    return JsonObject.builder()
        .put("partner", c.dataset().partner())
        .put("dataset", c.dataset().dataset())
        .put("column", c.column());
  }

  private static JsonArray metrics(List<MetricSelector> metrics) {
    JsonArray.Builder a = JsonArray.builder();
    metrics.forEach(
        m -> a.add(column(m.column()).put("aggregate", m.aggregate().wireName()).build()));
    return a.build();
  }
}
