package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.DatasetKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestJsonTest {
  private static AnalysisRequest parse(String json) {
    return RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static InvalidRequestException invalid(String json, String path) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(json));
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    return e;
  }

  @Test
  void parse_goldenRequest_normalizesToCanonicalBytesAndHash() {
    AnalysisRequest r = RequestJson.parse(Resources.bytes("request-input.json"));
    assertArrayEquals(
        Resources.bytes("request-canonical.json"), RequestJson.toJson(r).canonicalBytes());
    assertEquals(Resources.text("request-canonical.sha256"), r.hash());
  }

  @Test
  void parse_eachKind_roundTripsThroughNormalizedJson() {
    List<String> requests =
        List.of(
            """
            {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                             {"partner": "globex", "dataset": "viewers"}]}
            """,
            """
            {"type": "segmentProfile",
             "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["genre"]},
             "among": {"partner": "acme", "dataset": "customers"},
             "metrics": [{"aggregate": "avg", "partner": "acme", "dataset": "customers",
                          "column": "spend"}]}
            """,
            """
            {"type": "metricBreakdown",
             "datasets": [{"partner": "acme", "dataset": "customers"},
                          {"partner": "globex", "dataset": "viewers"}],
             "metrics": [{"aggregate": "sum", "partner": "globex", "dataset": "viewers",
                          "column": "minutes"}]}
            """);
    for (String json : requests) {
      AnalysisRequest r = parse(json);
      assertEquals(r, RequestJson.fromJson(RequestJson.toJson(r)));
    }
  }

  @Test
  void parse_segmentProfile_buildsTypedRequest() {
    SegmentProfileRequest r =
        assertInstanceOf(
            SegmentProfileRequest.class,
            parse(
                """
                {"type": "segmentProfile",
                 "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["genre"]},
                 "among": {"partner": "acme", "dataset": "customers"},
                 "metrics": [{"aggregate": "avg", "partner": "acme", "dataset": "customers",
                              "column": "spend"}]}
                """));
    DatasetKey customers = new DatasetKey("acme", "customers");
    assertEquals(new DatasetKey("globex", "viewers"), r.profile());
    assertEquals(customers, r.among());
    assertEquals(
        List.of(new MetricSelector(AggregateFunction.AVG, new ColumnSelector(customers, "spend"))),
        r.metrics());
    assertEquals(List.of(r.profile(), customers), r.datasets());
  }

  @Test
  void parse_omittedOptionalLists_hashLikeEmptyOnes() {
    String base =
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"}],
         %s"metrics": [{"aggregate": "sum", "partner": "acme", "dataset": "customers",
                      "column": "spend"}]}
        """;
    assertEquals(
        parse(base.formatted("")).hash(), parse(base.formatted("\"groupBy\": [],")).hash());
  }

  @Test
  void parse_differentRequests_hashDifferently() {
    String json =
        """
        {"type": "segmentProfile",
         "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["%s"]},
         "among": {"partner": "acme", "dataset": "customers"}}
        """;
    assertTrue(
        !parse(json.formatted("genre")).hash().equals(parse(json.formatted("age_band")).hash()));
  }

  @Test
  void parse_malformedJson_namesByteOffset() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> parse("{\"type\": \"overlap\",}"));
    assertTrue(e.getMessage().contains("byte offset"), e.getMessage());
  }

  @Test
  void parse_unknownType_namesTypeAndChoices() {
    InvalidRequestException e = invalid("{\"type\": \"sql\", \"query\": \"SELECT 1\"}", "type");
    assertTrue(e.getMessage().contains("[overlap, segmentProfile, metricBreakdown]"));
  }

  @Test
  void parse_unknownField_namesItsPath() {
    invalid(
        """
        {"type": "segmentProfile",
         "profile": {"partner": "globex", "dataset": "viewers", "dimensions": ["genre"],
                     "where": "age > 30"},
         "among": {"partner": "acme", "dataset": "customers"}}
        """,
        "profile.where");
  }

  @Test
  void parse_badColumnSyntax_namesElement() {
    invalid(
        """
        {"type": "segmentProfile",
         "profile": {"partner": "globex", "dataset": "viewers",
                     "dimensions": ["genre", "genre\\" OR 1=1 --"]},
         "among": {"partner": "acme", "dataset": "customers"}}
        """,
        "profile.dimensions[1]");
  }

  @Test
  void parse_countAsMetric_refusedAtAggregate() {
    invalid(
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"}],
         "metrics": [{"aggregate": "count-distinct-subjects", "partner": "acme",
                      "dataset": "customers", "column": "spend"}]}
        """,
        "metrics[0].aggregate");
  }

  @Test
  void parse_unknownAggregate_namesChoices() {
    InvalidRequestException e =
        invalid(
            """
            {"type": "metricBreakdown",
             "datasets": [{"partner": "acme", "dataset": "customers"},
                          {"partner": "globex", "dataset": "viewers"}],
             "metrics": [{"aggregate": "median", "partner": "acme", "dataset": "customers",
                          "column": "spend"}]}
            """,
            "metrics[0].aggregate");
    assertTrue(e.getMessage().contains("'median'"), e.getMessage());
  }

  @Test
  void parse_repeatedDataset_namesRepeat() {
    invalid(
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"},
                      {"partner": "acme", "dataset": "customers"}],
         "metrics": [{"aggregate": "sum", "partner": "acme", "dataset": "customers",
                      "column": "spend"}]}
        """,
        "datasets[2]");
  }

  @Test
  void parse_metricOfDatasetNotJoined_namesMetric() {
    invalid(
        """
        {"type": "metricBreakdown",
         "datasets": [{"partner": "acme", "dataset": "customers"},
                      {"partner": "globex", "dataset": "viewers"}],
         "metrics": [{"aggregate": "sum", "partner": "initech", "dataset": "panel",
                      "column": "score"}]}
        """,
        "metrics[0]");
  }

  @Test
  void parse_overlapOfOnePartner_refused() {
    invalid(
        """
        {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                         {"partner": "acme", "dataset": "stores"}]}
        """,
        "datasets");
  }

  @Test
  void parse_badPartnerId_namesIt() {
    invalid(
        """
        {"type": "overlap", "datasets": [{"partner": "acme", "dataset": "customers"},
                                         {"partner": "Globex!", "dataset": "viewers"}]}
        """,
        "datasets[1].partner");
  }

  @Test
  void parse_missingField_namesIt() {
    invalid(
        """
        {"type": "segmentProfile",
         "profile": {"partner": "globex", "dataset": "viewers"},
         "among": {"partner": "acme", "dataset": "customers"}}
        """,
        "profile.dimensions");
  }

  @Test
  void parse_tooManyDimensions_refused() {
    invalid(
        """
        {"type": "segmentProfile",
         "profile": {"partner": "globex", "dataset": "viewers",
                     "dimensions": ["a", "b", "c", "d", "e", "f", "g", "h", "i"]},
         "among": {"partner": "acme", "dataset": "customers"}}
        """,
        "profile.dimensions");
  }
}
