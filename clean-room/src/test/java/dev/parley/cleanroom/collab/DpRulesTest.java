package dev.parley.cleanroom.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.QueryCost;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules' {@code dp} object: strict parsing, ranges, and what it maps to. */
class DpRulesTest {
  private static DpRules parse(String json) {
    return DpRules.fromJson(Jcs.parse(json.getBytes(StandardCharsets.UTF_8)), "dp");
  }

  private static InvalidFieldException invalid(String json, String path, String reason) {
    InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> parse(json));
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.reason().contains(reason), e.getMessage());
    return e;
  }

  @Test
  void fromJson_laplace_mapsToBudgetAndCost() {
    DpRules r =
        parse(
            """
            {"mechanism": "laplace", "budget": "10", "perQuery": "1/2", "refresh": "none",
             "maxGroupsPerSubject": 3}
            """);
    assertEquals(Mechanism.LAPLACE, r.mechanism());
    assertEquals(new QueryCost.PureEpsilon(Rational.of(1, 2)), r.perQueryCost());
    assertEquals(Rational.of(10), r.privacyBudget().totalEpsilon());
    assertEquals(Optional.empty(), r.privacyBudget().delta());
    assertEquals(RefreshPolicy.NONE, r.privacyBudget().refresh());
    assertEquals(3, r.maxGroupsPerSubject());
    assertEquals(r, DpRules.fromJson(r.toJson(), "dp"));
  }

  @Test
  void fromJson_gaussian_takesRhoAndDelta() {
    DpRules r =
        parse(
            """
            {"mechanism": "gaussian", "budget": "20", "perQuery": "1/8",
             "delta": "1/1000000000", "refresh": "calendar-monthly", "maxGroupsPerSubject": 1}
            """);
    assertEquals(new QueryCost.Zcdp(Rational.of(1, 8)), r.perQueryCost());
    assertEquals(Optional.of(Rational.of(1, 1_000_000_000)), r.privacyBudget().delta());
    assertEquals(RefreshPolicy.CALENDAR_MONTHLY, r.refresh());
    assertEquals(r, DpRules.fromJson(r.toJson(), "dp"));
  }

  @Test
  void fromJson_outOfRange_namesTheMember() {
    String ok = "\"refresh\": \"none\", \"maxGroupsPerSubject\": 1";
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"1/2\", \"perQuery\": \"1/4\", " + ok + "}",
        "dp.budget",
        "from 1 to 20");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"21\", \"perQuery\": \"1\", " + ok + "}",
        "dp.budget",
        "got 21");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"2\", \"perQuery\": \"3\", " + ok + "}",
        "dp.perQuery",
        "more than the budget 2");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"2\", \"perQuery\": \"0\", " + ok + "}",
        "dp.perQuery",
        "positive");
    invalid(
        "{\"mechanism\": \"gaussian\", \"budget\": \"2\", \"perQuery\": \"2\", "
            + "\"delta\": \"1/1000000\", "
            + ok
            + "}",
        "dp.perQuery",
        "more than the budget 2");
    invalid(
        """
        {"mechanism": "laplace", "budget": "2", "perQuery": "1", "refresh": "none",
         "maxGroupsPerSubject": 101}
        """,
        "dp.maxGroupsPerSubject",
        "1 to 100");
  }

  @Test
  void fromJson_deltaOnlyWithGaussian() {
    String rest = "\"refresh\": \"none\", \"maxGroupsPerSubject\": 1";
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"2\", \"perQuery\": \"1\", "
            + "\"delta\": \"1/1000\", "
            + rest
            + "}",
        "dp.delta",
        "only the gaussian");
    invalid(
        "{\"mechanism\": \"gaussian\", \"budget\": \"2\", \"perQuery\": \"1/100\", " + rest + "}",
        "dp.delta",
        "required");
    invalid(
        "{\"mechanism\": \"gaussian\", \"budget\": \"2\", \"perQuery\": \"1/100\", "
            + "\"delta\": \"1\", "
            + rest
            + "}",
        "dp.delta",
        "(0, 1)");
  }

  @Test
  void fromJson_notStrictJson_refusedPrecisely() {
    String rest = "\"refresh\": \"none\", \"maxGroupsPerSubject\": 1}";
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": 10, \"perQuery\": \"1\", " + rest,
        "dp.budget",
        "must be a string");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"10\", \"perQuery\": \"2/4\", " + rest,
        "dp.perQuery",
        "lowest terms");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"10\", \"perQuery\": \"0.5\", " + rest,
        "dp.perQuery",
        "not a rational");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"10\", \"perQuery\": \"1\", \"epsilon\": \"1\", "
            + rest,
        "dp.epsilon",
        "unknown field");
    invalid(
        "{\"mechanism\": \"exponential\", \"budget\": \"10\", \"perQuery\": \"1\", " + rest,
        "dp.mechanism",
        "laplace or gaussian");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"10\", \"perQuery\": \"1\", "
            + "\"refresh\": \"weekly\", \"maxGroupsPerSubject\": 1}",
        "dp.refresh",
        "none or calendar-monthly");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"10\", \"perQuery\": \"1\", "
            + "\"refresh\": \"none\", \"maxGroupsPerSubject\": 1.5}",
        "dp.maxGroupsPerSubject",
        "integer");
    invalid(
        "{\"mechanism\": \"laplace\", \"budget\": \"10\", \"refresh\": \"none\", "
            + "\"maxGroupsPerSubject\": 1}",
        "dp.perQuery",
        "required");
  }

  @Test
  void analysisRules_invalidDpObject_refusedByBuilder() {
    JsonObject bad = JsonObject.builder().put("mechanism", "laplace").put("budget", "10").build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AnalysisRules.builder()
                    .dataset(new DatasetKey("acme", "customers"), d -> d.dimensions("region"))
                    .dp(bad)
                    .build());
    assertTrue(e.getMessage().startsWith("dp.perQuery: is required"), e.getMessage());
  }

  @Test
  void analysisRules_dpRules_roundTripThroughTheBuilder() {
    DpRules dp =
        new DpRules(
            Mechanism.LAPLACE,
            Rational.of(5),
            Rational.ONE,
            Optional.empty(),
            RefreshPolicy.NONE,
            2);
    AnalysisRules rules =
        AnalysisRules.builder()
            .dataset(new DatasetKey("acme", "customers"), d -> d.dimensions("region"))
            .dp(dp)
            .build();
    assertEquals(Optional.of(dp), rules.dpRules());
    assertEquals(Optional.of(dp.toJson()), rules.dp());
  }
}
