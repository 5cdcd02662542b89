package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Replaying spend records: equality with the accountant, first overspend, record errors. */
class BudgetReplayTest {
  private static final String COLLAB = "acme-retail";
  private static final Rational DELTA = Rational.of(1, 1_000_000_000);

  private static PrivacyBudget budget(String total, RefreshPolicy refresh) {
    return PrivacyBudget.builder()
        .totalEpsilon(Rational.parse(total))
        .perQueryCost(new QueryCost.PureEpsilon(Rational.of(1, 10)))
        .delta(DELTA)
        .refresh(refresh)
        .build();
  }

  private static SpendRecord laplace(String time, String eps) {
    return new SpendRecord(COLLAB, Instant.parse(time), Mechanism.LAPLACE, Rational.parse(eps));
  }

  @Test
  void replay_randomSpendsOverMonths_equalsAccountantAndNaiveModel() {
    MutableClock clock = new MutableClock("2026-01-01T00:00:00Z");
    PrivacyBudget b = budget("3", RefreshPolicy.CALENDAR_MONTHLY);
    BudgetAccountant a = BudgetAccountant.create(COLLAB, b, clock);
    SplittableRandom r = new SplittableRandom(2026);
    int refused = 0;
    for (int i = 0; i < 400; i++) {
      clock.advance(Duration.ofMinutes(r.nextLong(1, 6 * 24 * 60)));
      QueryCost cost =
          r.nextBoolean()
              ? new QueryCost.PureEpsilon(Rational.of(r.nextLong(1, 20), r.nextLong(1, 40)))
              : new QueryCost.Zcdp(Rational.of(1, r.nextLong(20, 2000)));
      refused += a.trySpend(cost) instanceof SpendDecision.Refused ? 1 : 0;
      if (i % 50 == 0) {
        ReplayReport report = BudgetReplay.replay(COLLAB, b, a.records(), clock.instant());
        assertEquals(a.remaining(), report.remaining(), "after " + i);
        assertEquals(Optional.empty(), report.firstOverspend());
      }
    }
    assertTrue(refused > 0, "the budget never ran out, so refusal was not exercised");
    ReplayReport report = BudgetReplay.replay(COLLAB, b, a.records(), clock.instant());
    assertEquals(a.remaining(), report.remaining());
    assertEquals(a.spent(), report.spent());
    assertEquals(a.records().size(), report.records());
    assertEquals(naiveSpent(b, a.records(), clock.instant()), report.spent());
  }

  /** Naive model: group by UTC month, sum ε and ρ per month, convert that month's ρ sum. */
  private static Rational naiveSpent(PrivacyBudget b, List<SpendRecord> records, Instant asOf) {
    Map<YearMonth, Rational[]> months = new HashMap<>();
    for (SpendRecord s : records) {
      Rational[] sums =
          months.computeIfAbsent(
              YearMonth.from(s.time().atOffset(ZoneOffset.UTC)),
              m -> new Rational[] {Rational.ZERO, Rational.ZERO});
      int slot = s.mechanism() == Mechanism.LAPLACE ? 0 : 1;
      sums[slot] = sums[slot].add(s.amount());
    }
    Rational[] now =
        months.getOrDefault(
            YearMonth.from(asOf.atOffset(ZoneOffset.UTC)),
            new Rational[] {Rational.ZERO, Rational.ZERO});
    return now[0].add(ZcdpConversion.forDelta(b.delta().orElseThrow()).epsilonUpperBound(now[1]));
  }

  @Test
  void replay_overspentHistory_reportsFirstPosition() {
    PrivacyBudget b = budget("1", RefreshPolicy.NONE);
    List<SpendRecord> records =
        List.of(
            laplace("2026-03-01T00:00:00Z", "1/2"),
            laplace("2026-03-02T00:00:00Z", "1/2"),
            laplace("2026-03-03T00:00:00Z", "1/10"),
            laplace("2026-03-04T00:00:00Z", "1/10"));
    ReplayReport report =
        BudgetReplay.replay(COLLAB, b, records, Instant.parse("2026-04-01T00:00:00Z"));
    ReplayReport.Overspend o = report.firstOverspend().orElseThrow();
    assertEquals(2, o.position());
    assertEquals(records.get(2), o.record());
    assertEquals(Rational.of(11, 10), o.spentAfter());
    assertEquals(Rational.of(-1, 5), report.remaining());
  }

  @Test
  void spentBeforeEach_monthly_equalsAccountantsReleases() {
    MutableClock clock = new MutableClock("2026-03-30T00:00:00Z");
    PrivacyBudget b = budget("3", RefreshPolicy.CALENDAR_MONTHLY);
    BudgetAccountant a = BudgetAccountant.create(COLLAB, b, clock);
    List<Rational> released = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofHours(11));
      QueryCost cost =
          i % 3 == 0
              ? new QueryCost.Zcdp(Rational.of(1, 500))
              : new QueryCost.PureEpsilon(Rational.of(1, 4));
      if (a.trySpend(cost) instanceof SpendDecision.Spent s) {
        released.add(s.release().spentBefore());
      }
    }
    assertEquals(12, released.size());
    assertEquals(Rational.ZERO, released.get(0));
    assertEquals(released, BudgetReplay.spentBeforeEach(COLLAB, b, a.records(), clock.instant()));
    assertTrue(released.subList(1, 12).contains(Rational.ZERO), "April starts afresh");
  }

  @Test
  void replay_monthly_overspendOnlyWithinItsMonth() {
    PrivacyBudget b = budget("1", RefreshPolicy.CALENDAR_MONTHLY);
    List<SpendRecord> records =
        List.of(
            laplace("2026-03-31T23:00:00Z", "1"),
            laplace("2026-04-01T00:00:00Z", "1"),
            laplace("2026-04-15T00:00:00Z", "1/3"));
    ReplayReport report =
        BudgetReplay.replay(COLLAB, b, records, Instant.parse("2026-05-02T00:00:00Z"));
    assertEquals(2, report.firstOverspend().orElseThrow().position());
    assertEquals(Rational.ONE, report.remaining()); // May is untouched
  }

  @Test
  void replay_badRecords_nameTheIndex() {
    PrivacyBudget b = budget("5", RefreshPolicy.NONE);
    Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
    SpendRecord other =
        new SpendRecord(
            "other", Instant.parse("2026-03-02T00:00:00Z"), Mechanism.LAPLACE, Rational.ONE);
    assertEquals(
        "records[1].collaborationId: expected \"acme-retail\", got \"other\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    BudgetReplay.replay(
                        COLLAB, b, List.of(laplace("2026-03-01T00:00:00Z", "1"), other), asOf))
            .getMessage());
    assertEquals(
        "records[1].time: 2026-02-01T00:00:00Z is before records[0].time 2026-03-01T00:00:00Z",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    BudgetReplay.replay(
                        COLLAB,
                        b,
                        List.of(
                            laplace("2026-03-01T00:00:00Z", "1"),
                            laplace("2026-02-01T00:00:00Z", "1")),
                        asOf))
            .getMessage());
    assertEquals(
        "records[0].time: 2026-07-01T00:00:00Z is after the replay time 2026-06-01T00:00:00Z",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    BudgetReplay.replay(
                        COLLAB, b, List.of(laplace("2026-07-01T00:00:00Z", "1")), asOf))
            .getMessage());
    PrivacyBudget noDelta =
        PrivacyBudget.builder()
            .totalEpsilon(Rational.of(5))
            .perQueryCost(new QueryCost.PureEpsilon(Rational.ONE))
            .refresh(RefreshPolicy.NONE)
            .build();
    SpendRecord gaussian =
        new SpendRecord(
            COLLAB, Instant.parse("2026-03-01T00:00:00Z"), Mechanism.GAUSSIAN, Rational.ONE);
    assertEquals(
        "records[0].mechanism: gaussian, but the budget has no delta",
        assertThrows(
                IllegalArgumentException.class,
                () -> BudgetReplay.replay(COLLAB, noDelta, List.of(gaussian), asOf))
            .getMessage());
  }

  @Test
  void replay_emptyHistory_hasFullBudget() {
    ReplayReport report =
        BudgetReplay.replay(COLLAB, budget("7", RefreshPolicy.NONE), List.of(), Instant.EPOCH);
    assertEquals(new ReplayReport(0, Rational.ZERO, Rational.of(7), Optional.empty()), report);
  }
}
