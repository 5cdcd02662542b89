package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.testing.MutableClock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spending, refusing before anything runs, exhaustion, monthly refresh and thread safety. */
class BudgetAccountantTest {
  private static final String COLLAB = "acme-retail";
  private static final Rational DELTA = Rational.of(1, 1_000_000);

  private static PrivacyBudget budget(String total, RefreshPolicy refresh) {
    return PrivacyBudget.builder()
        .totalEpsilon(Rational.parse(total))
        .perQueryCost(new QueryCost.PureEpsilon(Rational.of(1, 2)))
        .delta(DELTA)
        .refresh(refresh)
        .build();
  }

  private static QueryCost eps(String e) {
    return new QueryCost.PureEpsilon(Rational.parse(e));
  }

  @Test
  void trySpend_thirds_exhaustExactlyThenRefuse() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    BudgetAccountant a = BudgetAccountant.create(COLLAB, budget("1", RefreshPolicy.NONE), clock);
    for (int i = 0; i < 3; i++) {
      SpendDecision.Spent s = assertInstanceOf(SpendDecision.Spent.class, a.trySpend(eps("1/3")));
      assertEquals(Rational.of(2 - i, 3), s.remaining());
      assertEquals(Rational.of(i, 3), s.release().spentBefore());
    }
    assertEquals(Rational.ZERO, a.remaining()); // 1/3 + 1/3 + 1/3 is exactly 1
    SpendDecision.Refused r =
        assertInstanceOf(SpendDecision.Refused.class, a.trySpend(eps("1/1000000")));
    assertEquals(Rational.ZERO, r.remaining());
    assertEquals(
        "query needs ε 1/1000000 (laplace) but only 0 of 1 remains (spent ε would become"
            + " 1000001/1000000)",
        r.reason());
    assertEquals(3, a.records().size());
  }

  @Test
  void trySpend_refused_runsNothingAndChangesNothing() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    BudgetAccountant a = BudgetAccountant.create(COLLAB, budget("2", RefreshPolicy.NONE), clock);
    a.trySpend(eps("3/2"));
    RandomBitsTest.CountingRandom random = new RandomBitsTest.CountingRandom();
    DiscreteLaplaceMechanism mechanism = DiscreteLaplaceMechanism.create(1, Rational.ONE, random);
    // The wiring idiom: the mechanism runs only on Spent.
    Optional<NoisyValue> released =
        a.trySpend(mechanism.cost()) instanceof SpendDecision.Spent
            ? Optional.of(mechanism.release(42))
            : Optional.empty();
    assertEquals(Optional.empty(), released);
    assertEquals(0, random.requests, "no noise was drawn");
    assertEquals(Rational.of(1, 2), a.remaining());
    assertEquals(1, a.records().size());
    assertInstanceOf(SpendDecision.Spent.class, a.trySpend(eps("1/2"))); // still usable
    assertEquals(Rational.ZERO, a.remaining());
  }

  @Test
  void trySpend_spent_describesLedgerFacts() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    BudgetAccountant a =
        BudgetAccountant.create(COLLAB, budget("10", RefreshPolicy.CALENDAR_MONTHLY), clock);
    a.trySpend(eps("3/2"));
    SpendDecision.Spent s = assertInstanceOf(SpendDecision.Spent.class, a.trySpend(eps("1/2")));
    assertEquals(
        new SpendRecord(COLLAB, clock.instant(), Mechanism.LAPLACE, Rational.of(1, 2)), s.record());
    assertEquals(
        "{\"budget\":\"10\",\"epsilon\":\"1/2\",\"mechanism\":\"laplace\",\"period\":\"2026-11\","
            + "\"refresh\":\"calendar-monthly\",\"spentBefore\":\"3/2\"}",
        PrivacyJson.toCanonicalString(s.release()));
    assertEquals(Rational.of(8), s.remaining());
  }

  @Test
  void trySpend_gaussian_chargesConvertedRhoSum() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    BudgetAccountant a = BudgetAccountant.create(COLLAB, budget("10", RefreshPolicy.NONE), clock);
    ZcdpConversion c = ZcdpConversion.forDelta(DELTA);
    a.trySpend(eps("1"));
    SpendDecision.Spent g1 =
        assertInstanceOf(
            SpendDecision.Spent.class, a.trySpend(new QueryCost.Zcdp(Rational.of(1, 8))));
    assertEquals(Optional.of(DELTA), g1.release().delta());
    assertEquals(Rational.ONE, g1.release().spentBefore());
    a.trySpend(new QueryCost.Zcdp(Rational.of(1, 8)));
    // ρ adds up before conversion: ε = 1 + ε(1/4), less than 1 + 2·ε(1/8).
    Rational expected = Rational.ONE.add(c.epsilonUpperBound(Rational.of(1, 4)));
    assertEquals(expected, a.spent());
    assertTrue(
        a.spent()
                .compareTo(
                    Rational.ONE
                        .add(c.epsilonUpperBound(Rational.of(1, 8)))
                        .add(c.epsilonUpperBound(Rational.of(1, 8))))
            < 0);
    assertEquals(Rational.of(10).subtract(expected), a.remaining());
  }

  @Test
  void trySpend_gaussianWithoutDelta_refused() {
    PrivacyBudget noDelta =
        PrivacyBudget.builder()
            .totalEpsilon(Rational.of(5))
            .perQueryCost(eps("1"))
            .refresh(RefreshPolicy.NONE)
            .build();
    BudgetAccountant a =
        BudgetAccountant.create(COLLAB, noDelta, new MutableClock("2026-01-01T00:00:00Z"));
    SpendDecision.Refused r =
        assertInstanceOf(
            SpendDecision.Refused.class, a.trySpend(new QueryCost.Zcdp(Rational.of(1, 8))));
    assertEquals(
        "the budget has no delta, so gaussian (zCDP) queries cannot be accounted", r.reason());
    assertEquals(Rational.of(5), r.remaining());
  }

  @Test
  void calendarMonthly_newUtcMonth_renewsBudget() {
    MutableClock clock = new MutableClock("2026-11-30T23:59:59.999Z");
    BudgetAccountant a =
        BudgetAccountant.create(COLLAB, budget("1", RefreshPolicy.CALENDAR_MONTHLY), clock);
    assertInstanceOf(SpendDecision.Spent.class, a.trySpend(eps("1")));
    SpendDecision.Refused r = assertInstanceOf(SpendDecision.Refused.class, a.trySpend(eps("1")));
    assertTrue(r.reason().contains(" remains in 2026-11 "), r.reason());
    clock.set("2026-12-01T00:00:00Z");
    assertEquals(Rational.ONE, a.remaining());
    SpendDecision.Spent s = assertInstanceOf(SpendDecision.Spent.class, a.trySpend(eps("1")));
    assertEquals(Optional.of(YearMonth.of(2026, 12)), s.release().period());
    assertEquals(Rational.ZERO, s.release().spentBefore());
  }

  @Test
  void refreshNone_newMonth_doesNotRenew() {
    MutableClock clock = new MutableClock("2026-11-30T12:00:00Z");
    BudgetAccountant a = BudgetAccountant.create(COLLAB, budget("1", RefreshPolicy.NONE), clock);
    a.trySpend(eps("1"));
    clock.advance(Duration.ofDays(400));
    assertInstanceOf(SpendDecision.Refused.class, a.trySpend(eps("1/2")));
  }

  @Test
  void trySpend_clockBackwards_throws() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    BudgetAccountant a = BudgetAccountant.create(COLLAB, budget("5", RefreshPolicy.NONE), clock);
    a.trySpend(eps("1"));
    clock.set("2026-11-23T09:59:59Z");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.trySpend(eps("1")));
    assertEquals(
        "clock went backwards: 2026-11-23T09:59:59Z is before the last spend at"
            + " 2026-11-23T10:00:00Z",
        e.getMessage());
  }

  @Test
  void trySpend_concurrentQueries_neverOverspend() throws Exception {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    BudgetAccountant a = BudgetAccountant.create(COLLAB, budget("1", RefreshPolicy.NONE), clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                int granted = 0;
                for (int i = 0; i < 50; i++) {
                  granted += a.trySpend(eps("1/30")) instanceof SpendDecision.Spent ? 1 : 0;
                }
                return granted;
              }));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> f : futures) {
      total += f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(30, total);
    assertEquals(Rational.ZERO, a.remaining());
  }

  @Test
  void resume_history_continuesFromReplayedState() {
    MutableClock clock = new MutableClock("2026-11-23T10:00:00Z");
    PrivacyBudget b = budget("2", RefreshPolicy.NONE);
    BudgetAccountant first = BudgetAccountant.create(COLLAB, b, clock);
    first.trySpend(eps("1/2"));
    first.trySpend(new QueryCost.Zcdp(Rational.of(1, 100)));
    clock.advance(Duration.ofHours(1));
    BudgetAccountant resumed = BudgetAccountant.resume(COLLAB, b, clock, first.records());
    assertEquals(first.remaining(), resumed.remaining());
    assertEquals(first.records(), resumed.records());
  }
}
