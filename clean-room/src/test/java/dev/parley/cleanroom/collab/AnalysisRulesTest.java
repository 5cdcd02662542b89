package dev.parley.cleanroom.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalysisRulesTest {
  private static final DatasetKey CUSTOMERS = new DatasetKey("acme", "customers");

  private static AnalysisRules.Builder oneDataset() {
    return AnalysisRules.builder().dataset(CUSTOMERS, d -> d.dimensions("region"));
  }

  private static void refused(String messagePart, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void builder_defaults_k50CountOnlyNoDp() {
    AnalysisRules r = oneDataset().build();
    assertEquals(50, r.minAggregationThreshold());
    assertEquals(Set.of(AggregateFunction.COUNT_DISTINCT_SUBJECTS), r.aggregates());
    assertEquals(Optional.empty(), r.dp());
    assertTrue(r.dataset(CUSTOMERS).orElseThrow().allowsDimension("region"));
    assertFalse(r.allows(AggregateFunction.SUM));
  }

  @Test
  void builder_thresholdBounds_2to100000() {
    assertEquals(2, oneDataset().minAggregationThreshold(2).build().minAggregationThreshold());
    assertEquals(
        100_000, oneDataset().minAggregationThreshold(100_000).build().minAggregationThreshold());
    refused("minAggregationThreshold", () -> oneDataset().minAggregationThreshold(1).build());
    refused("minAggregationThreshold", () -> oneDataset().minAggregationThreshold(100_001).build());
  }

  @Test
  void builder_identifierColumns_refusedAsDimensionOrMetric() {
    refused(
        "'token' is an identifier column",
        () -> AnalysisRules.builder().dataset(CUSTOMERS, d -> d.dimensions("token")).build());
    refused(
        "'email' is an identifier column",
        () -> AnalysisRules.builder().dataset(CUSTOMERS, d -> d.metric("email", 0, 1)).build());
  }

  @Test
  void builder_columnBothDimensionAndMetric_refused() {
    refused(
        "both a dimension and a metric",
        () ->
            AnalysisRules.builder()
                .dataset(CUSTOMERS, d -> d.dimensions("spend").metric("spend", 0, 1))
                .build());
  }

  @Test
  void builder_repeatedDatasetOrColumn_refused() {
    refused(
        "listed twice",
        () -> oneDataset().dataset(CUSTOMERS, d -> d.dimensions("loyalty_tier")).build());
    refused(
        "listed twice",
        () -> AnalysisRules.builder().dataset(CUSTOMERS, d -> d.dimensions("a", "a")).build());
  }

  @Test
  void builder_badBounds_refused() {
    refused(
        "lower <= upper",
        () -> AnalysisRules.builder().dataset(CUSTOMERS, d -> d.metric("spend", 5, 1)).build());
    refused(
        "finite",
        () ->
            AnalysisRules.builder()
                .dataset(CUSTOMERS, d -> d.metric("spend", 0, Double.NaN))
                .build());
    refused(
        "finite",
        () ->
            AnalysisRules.builder()
                .dataset(CUSTOMERS, d -> d.metric("spend", Double.NEGATIVE_INFINITY, 0))
                .build());
  }

  @Test
  void new_withoutCount_refused() {
    refused(
        "count-distinct-subjects",
        () ->
            new AnalysisRules(
                List.of(DatasetRules.builder(CUSTOMERS).build()),
                EnumSet.of(AggregateFunction.SUM),
                50,
                Optional.empty()));
  }

  @Test
  void new_noDatasets_refused() {
    refused("datasets", () -> AnalysisRules.builder().build());
  }

  @Test
  void metricRule_negativeZero_normalized() {
    assertEquals(new MetricRule("spend", 0.0, 1), new MetricRule("spend", -0.0, 1));
  }
}
