package dev.parley.cleanroom.collab;

import static dev.parley.ledger.jcs.StrictJson.array;
import static dev.parley.ledger.jcs.StrictJson.child;
import static dev.parley.ledger.jcs.StrictJson.element;
import static dev.parley.ledger.jcs.StrictJson.matching;
import static dev.parley.ledger.jcs.StrictJson.object;
import static dev.parley.ledger.jcs.StrictJson.onlyFields;
import static dev.parley.ledger.jcs.StrictJson.required;
import static dev.parley.ledger.jcs.StrictJson.string;

import dev.parley.consent.partner.Partner;
import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.jcs.StrictJson;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON form of {@link AnalysisRules}, whose RFC 8785 canonical bytes are hashed and approved.
 *
 * <pre>{@code
 * {"aggregates": ["count-distinct-subjects", "sum", "avg"],
 *  "datasets": [{"partner": "acme", "dataset": "customers",
 *                "dimensions": ["region"],
 *                "metrics": [{"column": "spend", "lower": 0, "upper": 1000}]}],
 *  "dp": null,
 *  "joinOn": "token",
 *  "minAggregationThreshold": 50}
 * }</pre>
 *
 * <p>Lists are emitted in the rules' normalized order (aggregates in enum order, datasets by key,
 * columns by name); RFC 8785 §3.2.3 then sorts the object members, so equal rules always give
 * identical bytes. {@code joinOn} is fixed to {@code token}: the rules cannot express any other
 * join. {@code dp} is always present: {@code null} when the rules have none, else the {@link
 * DpRules} object.
 */
public final class RulesJson {
  /** The only join key rules can name. */
  public static final String JOIN_ON_TOKEN = "token";

  private static final Set<String> RULE_FIELDS =
      Set.of("aggregates", "datasets", "dp", "joinOn", "minAggregationThreshold");
  private static final Set<String> DATASET_FIELDS =
      Set.of("partner", "dataset", "dimensions", "metrics");
  private static final Set<String> METRIC_FIELDS = Set.of("column", "lower", "upper");
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private RulesJson() {}

  /**
   * Returns the JSON form of rules.
   *
   * @param rules the rules
   * @return the object
   */
  public static JsonObject toJson(AnalysisRules rules) {
    JsonArray.Builder aggregates = JsonArray.builder();
    rules.aggregates().stream().sorted().forEach(a -> aggregates.add(a.wireName()));
    JsonArray.Builder datasets = JsonArray.builder();
    for (DatasetRules d : rules.datasets()) {
      JsonArray.Builder dims = JsonArray.builder();
      d.dimensions().forEach(dims::add);
      JsonArray.Builder metrics = JsonArray.builder();
      for (MetricRule m : d.metrics()) {
        metrics.add(
            JsonObject.builder()
                .put("column", m.column())
                .put("lower", m.lower())
                .put("upper", m.upper())
                .build());
      }
      datasets.add(
          JsonObject.builder()
              .put("partner", d.dataset().partner())
              .put("dataset", d.dataset().dataset())
              .put("dimensions", dims.build())
              .put("metrics", metrics.build())
              .build());
    }
    return JsonObject.builder()
        .put("aggregates", aggregates.build())
        .put("datasets", datasets.build())
        .put("dp", rules.dp().<JsonValue>map(o -> o).orElse(JsonNull.INSTANCE))
        .put("joinOn", JOIN_ON_TOKEN)
        .put("minAggregationThreshold", rules.minAggregationThreshold())
        .build();
  }

  /**
   * Returns SHA-256 of the rules' canonical JSON, in lowercase hex.
   *
   * @param rules the rules
   * @return 64 hex characters
   */
  public static String hash(AnalysisRules rules) {
    return Sha256.hex(rules.canonicalJson());
  }

  /**
   * Reads rules from JSON, strictly: unknown fields, duplicates and bad values are refused.
   *
   * @param value the JSON value
   * @param path its path, for errors ({@code $} for a document root)
   * @return the rules
   * @throws InvalidFieldException naming the offending field
   */
  public static AnalysisRules fromJson(JsonValue value, String path) {
    JsonObject o = onlyFields(object(value, path), path, RULE_FIELDS);
    String joinPath = child(path, "joinOn");
    if (!JOIN_ON_TOKEN.equals(string(required(o, path, "joinOn"), joinPath))) {
      throw new InvalidFieldException(joinPath, "datasets can be joined on 'token' only");
    }
    EnumSet<AggregateFunction> aggregates = EnumSet.noneOf(AggregateFunction.class);
    String aggPath = child(path, "aggregates");
    JsonArray aggs = array(o, path, "aggregates");
    for (int i = 0; i < aggs.size(); i++) {
      String p = element(aggPath, i);
      if (!aggregates.add(AggregateFunction.parse(string(aggs.get(i), p), p))) {
        throw new InvalidFieldException(p, "is listed twice");
      }
    }
    List<DatasetRules> datasets = new ArrayList<>();
    String dsPath = child(path, "datasets");
    JsonArray ds = array(o, path, "datasets");
    for (int i = 0; i < ds.size(); i++) {
      datasets.add(dataset(ds.get(i), element(dsPath, i)));
    }
    Optional<JsonObject> dp = StrictJson.optional(o, "dp").map(v -> object(v, child(path, "dp")));
    dp.ifPresent(v -> DpRules.fromJson(v, child(path, "dp"))); // names e.g. rules.dp.budget
    long k =
        StrictJson.integer(
            o,
            path,
            "minAggregationThreshold",
            AnalysisRules.MIN_AGGREGATION_THRESHOLD,
            AnalysisRules.MAX_AGGREGATION_THRESHOLD);
    try {
      return new AnalysisRules(datasets, aggregates, (int) k, dp);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(path, e);
    }
  }

  private static DatasetRules dataset(JsonValue value, String path) {
    JsonObject o = onlyFields(object(value, path), path, DATASET_FIELDS);
    DatasetKey key = key(o, path);
    List<String> dims = new ArrayList<>();
    String dimPath = child(path, "dimensions");
    JsonArray d = array(o, path, "dimensions");
    for (int i = 0; i < d.size(); i++) {
      dims.add(matching(d.get(i), element(dimPath, i), COLUMN, "[a-z][a-z0-9_]{0,62}"));
    }
    List<MetricRule> metrics = new ArrayList<>();
    String metPath = child(path, "metrics");
    JsonArray m = array(o, path, "metrics");
    for (int i = 0; i < m.size(); i++) {
      String p = element(metPath, i);
      JsonObject mo = onlyFields(object(m.get(i), p), p, METRIC_FIELDS);
      String column =
          matching(required(mo, p, "column"), child(p, "column"), COLUMN, "[a-z][a-z0-9_]{0,62}");
      double lower = StrictJson.number(mo, p, "lower");
      double upper = StrictJson.number(mo, p, "upper");
      try {
        metrics.add(new MetricRule(column, lower, upper));
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(p, e);
      }
    }
    try {
      return new DatasetRules(key, dims, metrics);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(path, e);
    }
  }

  /**
   * Reads a {@code {"partner": ..., "dataset": ...}} pair from an object.
   *
   * @param o the object holding {@code partner} and {@code dataset}
   * @param path its path
   * @return the key
   * @throws InvalidFieldException naming the bad member
   */
  public static DatasetKey key(JsonObject o, String path) {
    String partner = string(o, path, "partner");
    String dataset = string(o, path, "dataset");
    try {
      Partner.requireId(partner, "partner");
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          child(path, "partner"),
          "must be 1-64 characters [a-z0-9._-] starting with a letter or digit",
          e);
    }
    if (!DatasetKey.NAME.matcher(dataset).matches()) {
      throw new InvalidFieldException(
          child(path, "dataset"),
          "must match [a-z][a-z0-9_-]{0,62}, got " + StrictJson.quote(dataset));
    }
    return new DatasetKey(partner, dataset);
  }
}
