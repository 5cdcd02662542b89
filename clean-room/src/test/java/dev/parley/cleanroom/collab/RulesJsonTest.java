package dev.parley.cleanroom.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RulesJsonTest {
  static final DatasetKey CUSTOMERS = new DatasetKey("acme", "customers");
  static final DatasetKey VIEWERS = new DatasetKey("globex", "viewers");

  /** The rules whose canonical JSON is {@code analysis/rules-canonical.json}. */
  static AnalysisRules golden() {
    return AnalysisRules.builder()
        .dataset(VIEWERS, d -> d.dimensions("age_band").metric("minutes", 0, 600.5))
        .dataset(CUSTOMERS, d -> d.dimensions("region", "loyalty_tier").metric("spend", 0, 1000))
        .allow(AggregateFunction.AVG, AggregateFunction.SUM)
        .build();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = RulesJsonTest.class.getResourceAsStream("/analysis/" + name)) {
      return in.readAllBytes();
    }
  }

  private static InvalidFieldException invalid(String json, String path) {
    InvalidFieldException e =
        assertThrows(
            InvalidFieldException.class,
            () -> RulesJson.fromJson(Jcs.parse(json.getBytes(StandardCharsets.UTF_8)), "$"));
    assertEquals(path, e.path(), e.getMessage());
    return e;
  }

  @Test
  void canonicalJson_golden_matchesHandWrittenBytesAndSha256() throws IOException {
    assertArrayEquals(resource("rules-canonical.json"), golden().canonicalJson());
    assertEquals(
        new String(resource("rules-canonical.sha256"), StandardCharsets.US_ASCII).strip(),
        golden().hash());
  }

  @Test
  void hash_independentOfDeclarationOrder() {
    AnalysisRules reordered =
        AnalysisRules.builder()
            .allow(AggregateFunction.SUM)
            .dataset(
                CUSTOMERS, d -> d.metric("spend", 0, 1000).dimensions("loyalty_tier", "region"))
            .allow(AggregateFunction.AVG)
            .dataset(VIEWERS, d -> d.metric("minutes", 0, 600.5).dimensions("age_band"))
            .minAggregationThreshold(50)
            .build();
    assertEquals(golden(), reordered);
    assertEquals(golden().hash(), reordered.hash());
  }

  @Test
  void hash_changesWithEveryRule() {
    String h = golden().hash();
    assertNotEquals(
        h,
        AnalysisRules.builder()
            .dataset(VIEWERS, d -> d.dimensions("age_band").metric("minutes", 0, 600.5))
            .dataset(
                CUSTOMERS, d -> d.dimensions("region", "loyalty_tier").metric("spend", 0, 1001))
            .allow(AggregateFunction.AVG, AggregateFunction.SUM)
            .build()
            .hash(),
        "bounds");
    assertNotEquals(
        h,
        AnalysisRules.builder()
            .dataset(VIEWERS, d -> d.dimensions("age_band").metric("minutes", 0, 600.5))
            .dataset(
                CUSTOMERS, d -> d.dimensions("region", "loyalty_tier").metric("spend", 0, 1000))
            .allow(AggregateFunction.AVG, AggregateFunction.SUM)
            .minAggregationThreshold(49)
            .build()
            .hash(),
        "k");
  }

  @Test
  void toJson_dpSlot_isNullWhenAbsentAndCarriedVerbatimWhenSet() {
    assertEquals(JsonNull.INSTANCE, RulesJson.toJson(golden()).get("dp").orElseThrow());
    JsonObject dp =
        JsonObject.builder()
            .put("mechanism", "laplace")
            .put("budget", "10")
            .put("perQuery", "1/2")
            .put("refresh", "none")
            .put("maxGroupsPerSubject", 2)
            .build();
    AnalysisRules withDp =
        AnalysisRules.builder()
            .dataset(VIEWERS, d -> d.dimensions("age_band").metric("minutes", 0, 600.5))
            .dataset(
                CUSTOMERS, d -> d.dimensions("region", "loyalty_tier").metric("spend", 0, 1000))
            .allow(AggregateFunction.AVG, AggregateFunction.SUM)
            .dp(dp)
            .build();
    assertEquals(dp, RulesJson.toJson(withDp).getObject("dp"));
    assertNotEquals(golden().hash(), withDp.hash());
    assertEquals(withDp, RulesJson.fromJson(RulesJson.toJson(withDp), "$"));
    assertEquals(2, withDp.dpRules().orElseThrow().maxGroupsPerSubject());
  }

  @Test
  void fromJson_invalidDp_namesTheDpMember() {
    InvalidFieldException e =
        invalid(
            """
            {"aggregates": ["count-distinct-subjects"],
             "datasets": [{"partner": "acme", "dataset": "customers", "dimensions": ["region"],
                           "metrics": []}],
             "dp": {"mechanism": "laplace", "budget": "30", "perQuery": "1", "refresh": "none",
                    "maxGroupsPerSubject": 1},
             "joinOn": "token", "minAggregationThreshold": 50}
            """,
            "dp.budget");
    assertTrue(e.getMessage().contains("from 1 to 20"), e.getMessage());
  }

  @Test
  void fromJson_canonicalForm_roundTrips() throws IOException {
    assertEquals(golden(), RulesJson.fromJson(Jcs.parse(resource("rules-canonical.json")), "$"));
  }

  @Test
  void fromJson_otherJoinKey_refused() {
    InvalidFieldException e =
        invalid(
            """
            {"aggregates": ["count-distinct-subjects"], "datasets": [], "dp": null,
             "joinOn": "email", "minAggregationThreshold": 50}
            """,
            "joinOn");
    assertTrue(e.getMessage().contains("'token' only"));
  }

  @Test
  void fromJson_unknownField_namesPath() {
    invalid(
        """
        {"aggregates": ["count-distinct-subjects"], "joinOn": "token",
         "minAggregationThreshold": 50, "dp": null,
         "datasets": [{"partner": "acme", "dataset": "customers", "dimensions": [],
                       "metrics": [{"column": "spend", "lower": 0, "upper": 1, "noise": 3}]}]}
        """,
        "datasets[0].metrics[0].noise");
  }

  @Test
  void fromJson_tokenDimension_refusedAtDataset() {
    InvalidFieldException e =
        invalid(
            """
            {"aggregates": ["count-distinct-subjects"], "joinOn": "token",
             "minAggregationThreshold": 50, "dp": null,
             "datasets": [{"partner": "acme", "dataset": "customers", "dimensions": ["token"],
                           "metrics": []}]}
            """,
            "datasets[0]");
    assertTrue(e.getMessage().contains("identifier column"), e.getMessage());
  }

  @Test
  void fromJson_thresholdOutOfRange_namesIt() {
    invalid(
        """
        {"aggregates": ["count-distinct-subjects"], "joinOn": "token",
         "minAggregationThreshold": 1, "dp": null,
         "datasets": [{"partner": "acme", "dataset": "customers", "dimensions": [],
                       "metrics": []}]}
        """,
        "minAggregationThreshold");
  }

  @Test
  void fromJson_badBounds_namesMetric() {
    invalid(
        """
        {"aggregates": ["count-distinct-subjects", "sum"], "joinOn": "token",
         "minAggregationThreshold": 50, "dp": null,
         "datasets": [{"partner": "acme", "dataset": "customers", "dimensions": [],
                       "metrics": [{"column": "spend", "lower": 10, "upper": 1}]}]}
        """,
        "datasets[0].metrics[0]");
  }

  @Test
  void fromJson_repeatedAggregate_namesElement() {
    invalid(
        """
        {"aggregates": ["count-distinct-subjects", "sum", "sum"], "joinOn": "token",
         "minAggregationThreshold": 50, "dp": null,
         "datasets": [{"partner": "acme", "dataset": "customers", "dimensions": [],
                       "metrics": []}]}
        """,
        "aggregates[2]");
  }
}
