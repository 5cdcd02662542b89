package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Budget validation: every bad field is named, with the value. */
class PrivacyBudgetTest {

  static PrivacyBudget.Builder laplaceBudget(String total, String perQuery) {
    return PrivacyBudget.builder()
        .totalEpsilon(Rational.parse(total))
        .perQueryCost(new QueryCost.PureEpsilon(Rational.parse(perQuery)))
        .refresh(RefreshPolicy.NONE);
  }

  @Test
  void build_valid_keepsFields() {
    PrivacyBudget b = laplaceBudget("10", "1/2").delta(Rational.of(1, 1_000_000)).build();
    assertEquals(Rational.of(10), b.totalEpsilon());
    assertEquals(new QueryCost.PureEpsilon(Rational.of(1, 2)), b.perQueryCost());
    assertEquals(Optional.of(Rational.of(1, 1_000_000)), b.delta());
    assertEquals(RefreshPolicy.NONE, b.refresh());
  }

  @ParameterizedTest(name = "total {0}")
  @CsvSource({"1/2", "0", "41/2", "21"})
  void build_totalOutsideAwsRange_rejected(String total) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> laplaceBudget(total, "1/4").build());
    assertEquals("totalEpsilon: must be in [1, 20], got " + total, e.getMessage());
  }

  @Test
  void build_bounds_accepted() {
    laplaceBudget("1", "1").build();
    laplaceBudget("20", "20").build();
  }

  @Test
  void build_missingOrInconsistentFields_saysWhich() {
    assertEquals(
        "totalEpsilon: required",
        assertThrows(IllegalArgumentException.class, () -> PrivacyBudget.builder().build())
            .getMessage());
    assertEquals(
        "refresh: required",
        assertThrows(
                IllegalArgumentException.class, () -> laplaceBudget("5", "1").refresh(null).build())
            .getMessage());
    assertEquals(
        "perQueryCost: one query costs ε 6, more than totalEpsilon 5",
        assertThrows(IllegalArgumentException.class, () -> laplaceBudget("5", "6").build())
            .getMessage());
    assertEquals(
        "delta: required when perQueryCost is gaussian (zCDP)",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    laplaceBudget("5", "1")
                        .perQueryCost(new QueryCost.Zcdp(Rational.of(1, 8)))
                        .build())
            .getMessage());
    assertEquals(
        "delta: must be in (0, 1), got 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> laplaceBudget("5", "1").delta(Rational.of(2)).build())
            .getMessage());
    assertEquals(
        "epsilon: must be in (0, 20], got 0",
        assertThrows(IllegalArgumentException.class, () -> new QueryCost.PureEpsilon(Rational.ZERO))
            .getMessage());
  }

  @Test
  void build_gaussianPerQueryCost_checkedAfterConversion() {
    // ρ = 2 with δ = 1e−6 converts to ε ≈ 2 + 2√(2·13.8) ≈ 12.5: fits 20, not 10.
    PrivacyBudget.Builder b =
        laplaceBudget("20", "1")
            .perQueryCost(new QueryCost.Zcdp(Rational.of(2)))
            .delta(Rational.of(1, 1_000_000));
    b.build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.totalEpsilon(Rational.of(10)).build());
    assertTrue(e.getMessage().startsWith("perQueryCost: one query costs ε "), e.getMessage());
  }

  @Test
  void refreshPolicy_periods_areUtcMonths() {
    assertEquals(
        Optional.of(YearMonth.of(2026, 11)),
        RefreshPolicy.CALENDAR_MONTHLY.periodOf(Instant.parse("2026-11-30T23:59:59.999Z")));
    assertEquals(
        Optional.of(YearMonth.of(2026, 12)),
        RefreshPolicy.CALENDAR_MONTHLY.periodOf(Instant.parse("2026-12-01T00:00:00Z")));
    assertEquals(Optional.empty(), RefreshPolicy.NONE.periodOf(Instant.EPOCH));
    assertEquals(RefreshPolicy.CALENDAR_MONTHLY, RefreshPolicy.fromWireName("calendar-monthly"));
    assertEquals(
        "unknown refresh policy \"monthly\" (expected none or calendar-monthly)",
        assertThrows(IllegalArgumentException.class, () -> RefreshPolicy.fromWireName("monthly"))
            .getMessage());
  }
}
