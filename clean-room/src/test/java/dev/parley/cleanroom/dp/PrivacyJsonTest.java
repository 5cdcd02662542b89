package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.cleanroom.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ledger's {@code privacy} object: canonical round trips and precise parse errors. */
class PrivacyJsonTest {

  private static List<String[]> vectors(String kind) throws IOException {
    return ChiSquareTest.resourceLines("/dp/privacy-json.txt").stream()
        .filter(l -> l.startsWith(kind + "\t"))
        .map(l -> l.split("\t", -1))
        .toList();
  }

  @Test
  void parse_validVectors_roundTripCanonically() throws IOException {
    List<String[]> valid = vectors("valid");
    assertEquals(4, valid.size());
    for (String[] v : valid) {
      PrivacyRelease release = PrivacyJson.parse(v[1].getBytes(StandardCharsets.UTF_8));
      assertEquals(v[1], PrivacyJson.toCanonicalString(release));
    }
  }

  @Test
  void parse_invalidVectors_giveExactErrors() throws IOException {
    List<String[]> invalid = vectors("invalid");
    assertEquals(21, invalid.size());
    for (String[] v : invalid) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> PrivacyJson.parse(v[1].getBytes(StandardCharsets.UTF_8)),
              v[1]);
      assertEquals(v[2], e.getMessage(), v[1]);
    }
  }

  @Test
  void parse_gaussianVector_hasExactFields() {
    PrivacyRelease r =
        PrivacyJson.parse(
            ("{\"budget\":\"20\",\"delta\":\"1/1000000000\",\"mechanism\":\"gaussian\","
                    + "\"period\":\"2026-11\",\"refresh\":\"calendar-monthly\",\"rho\":\"1/8\","
                    + "\"spentBefore\":\"1/3\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        new PrivacyRelease(
            Mechanism.GAUSSIAN,
            Rational.of(1, 8),
            Optional.of(Rational.of(1, 1_000_000_000)),
            Rational.of(20),
            Rational.of(1, 3),
            RefreshPolicy.CALENDAR_MONTHLY,
            Optional.of(YearMonth.of(2026, 11))),
        r);
  }

  @Test
  void spendRecord_fromRelease_replaysLikeTheAccountant() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    PrivacyBudget b =
        PrivacyBudget.builder()
            .totalEpsilon(Rational.of(4))
            .perQueryCost(new QueryCost.PureEpsilon(Rational.ONE))
            .delta(Rational.of(1, 1_000_000))
            .refresh(RefreshPolicy.NONE)
            .build();
    BudgetAccountant a = BudgetAccountant.create("c1", b, clock);
    SpendDecision.Spent s = (SpendDecision.Spent) a.trySpend(new QueryCost.Zcdp(Rational.of(1, 4)));
    // What an auditor reads back from the ledger entry: the JSON and the entry's own time.
    PrivacyRelease read = PrivacyJson.parse(PrivacyJson.toJson(s.release()));
    SpendRecord replayed = new SpendRecord("c1", clock.instant(), read.mechanism(), read.amount());
    assertEquals(s.record(), replayed);
    assertEquals(
        a.remaining(),
        BudgetReplay.replay("c1", b, List.of(replayed), clock.instant()).remaining());
  }
}
