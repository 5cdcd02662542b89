package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.collab.RulesJson;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.cleanroom.testing.BudgetEntries;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replaying budgets from ledger entries: consistent histories, overspends, every kind of lie. */
class LedgerBudgetsTest {
  private static final byte[] PREV = new byte[32];
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  static DpRules laplace(String budget, String perQuery, RefreshPolicy refresh) {
    return new DpRules(
        Mechanism.LAPLACE,
        Rational.parse(budget),
        Rational.parse(perQuery),
        Optional.empty(),
        refresh,
        1);
  }

  static LedgerEntry created(String id, Optional<DpRules> dp) {
    return new LedgerEntry(
        EntryType.COLLABORATION_CREATED,
        NOW.minusSeconds(86_400 * 200),
        PREV,
        BudgetEntries.created(id, dp));
  }

  static LedgerEntry released(String id, String time, Optional<JsonObject> privacy) {
    return new LedgerEntry(
        EntryType.QUERY_RELEASED, Instant.parse(time), PREV, BudgetEntries.released(id, privacy));
  }

  static Optional<JsonObject> spend(DpRules r, String spentBefore, Optional<YearMonth> period) {
    return Optional.of(BudgetEntries.privacy(r, Rational.parse(spentBefore), period));
  }

  /** A release in collaboration "dp" at {@code time}, charging {@code r} with no period. */
  private static LedgerEntry charge(DpRules r, String time, String spentBefore) {
    return released("dp", time, spend(r, spentBefore, Optional.empty()));
  }

  /** Replays collaboration "dp" created under {@code r}, then {@code releases} in order. */
  private static LedgerBudgets.Result replayDp(DpRules r, LedgerEntry... releases) {
    List<LedgerEntry> log = new ArrayList<>();
    log.add(created("dp", Optional.of(r)));
    log.addAll(Arrays.asList(releases));
    return replay(log);
  }

  private static LedgerBudgets.Result replay(List<LedgerEntry> entries) {
    LedgerBudgets b = LedgerBudgets.wholeLedger();
    for (int i = 0; i < entries.size(); i++) {
      b.accept(i, entries.get(i));
    }
    return b.finish(NOW);
  }

  private static void assertOneProblem(LedgerBudgets.Result r, long index, String text) {
    assertEquals(1, r.problems().size(), r.problems().toString());
    LedgerBudgets.Problem p = r.problems().getFirst();
    assertEquals(index, p.index(), p.toString());
    assertTrue(p.message().contains(text), p.toString());
  }

  @Test
  void finish_consistentHistory_noProblemsAndRemainingBudget() {
    DpRules r = laplace("10", "3/2", RefreshPolicy.NONE);
    List<LedgerEntry> log = new ArrayList<>();
    log.add(created("dp", Optional.of(r)));
    log.add(created("plain", Optional.empty()));
    log.add(released("plain", "2026-03-01T00:00:00Z", Optional.empty()));
    log.add(released("dp", "2026-03-01T00:00:01Z", spend(r, "0", Optional.empty())));
    log.add(released("dp", "2026-03-01T00:00:02Z", spend(r, "3/2", Optional.empty())));
    log.add(released("dp", "2026-03-02T00:00:00Z", spend(r, "3", Optional.empty())));
    LedgerBudgets.Result result = replay(log);
    assertEquals(List.of(), result.problems());
    LedgerBudgets.Budget b = result.budget("dp").orElseThrow();
    assertEquals(List.of(3L, 4L, 5L), b.releaseIndexes());
    assertEquals(Rational.parse("11/2"), b.report().remaining());
    assertEquals(0, b.createdIndex());
    assertEquals(Optional.empty(), result.budget("plain"), "no budget without dp rules");
  }

  @Test
  void finish_ledgerClockStepsBack_replaysInLedgerOrder() {
    DpRules r = laplace("3", "1", RefreshPolicy.NONE);
    LedgerBudgets.Result result =
        replayDp(r, charge(r, "2026-03-01T00:00:05Z", "0"), charge(r, "2026-03-01T00:00:01Z", "1"));
    assertEquals(List.of(), result.problems());
    assertEquals(Rational.ONE, result.budget("dp").orElseThrow().report().remaining());
  }

  @Test
  void finish_overspentHistory_namesTheEntryAndTheAmounts() {
    DpRules r = laplace("2", "1", RefreshPolicy.NONE);
    LedgerBudgets.Result result =
        replayDp(
            r,
            charge(r, "2026-03-01T00:00:01Z", "0"),
            charge(r, "2026-03-01T00:00:02Z", "1"),
            charge(r, "2026-03-01T00:00:03Z", "2"));
    assertOneProblem(result, 3, "spent ε became 3, above the budget 2");
    assertEquals("dp", result.problems().getFirst().collaboration());
    assertEquals(Rational.of(-1), result.budget("dp").orElseThrow().report().remaining());
  }

  @Test
  void finish_spentBeforeUnderstated_caught() {
    DpRules r = laplace("5", "1", RefreshPolicy.NONE);
    LedgerBudgets.Result result =
        replayDp(r, charge(r, "2026-03-01T00:00:01Z", "0"), charge(r, "2026-03-01T00:00:02Z", "0"));
    assertOneProblem(result, 2, "privacy.spentBefore is 0 but the earlier releases");
  }

  @Test
  void accept_privacyDisagreesWithRules_caught() {
    DpRules r = laplace("5", "1", RefreshPolicy.NONE);
    DpRules cheaper = laplace("5", "1/10", RefreshPolicy.NONE);
    assertOneProblem(
        replayDp(r, charge(cheaper, "2026-03-01T00:00:01Z", "0")),
        1,
        "privacy.epsilon is 1/10 but the rules charge 1");
    DpRules bigger = laplace("20", "1", RefreshPolicy.NONE);
    assertOneProblem(
        replayDp(r, charge(bigger, "2026-03-01T00:00:01Z", "0")),
        1,
        "privacy.budget is 20 but the rules' budget is 5");
  }

  @Test
  void accept_malformedOrMissingPrivacy_caught() {
    DpRules r = laplace("5", "1", RefreshPolicy.NONE);
    JsonObject bad =
        JsonObject.builder()
            .put("mechanism", "laplace")
            .put("epsilon", "2/4")
            .put("budget", "5")
            .put("spentBefore", "0")
            .put("refresh", "none")
            .build();
    assertOneProblem(
        replayDp(r, released("dp", "2026-03-01T00:00:01Z", Optional.of(bad))),
        1,
        "malformed privacy.epsilon: not in lowest terms");
    assertOneProblem(
        replayDp(r, released("dp", "2026-03-01T00:00:01Z", Optional.empty())),
        1,
        "no privacy object");
  }

  @Test
  void accept_privacyOutsideDpCollaborations_caught() {
    DpRules r = laplace("5", "1", RefreshPolicy.NONE);
    assertOneProblem(
        replay(
            List.of(
                created("plain", Optional.empty()),
                released("plain", "2026-03-01T00:00:01Z", spend(r, "0", Optional.empty())))),
        1,
        "rules have no dp");
    assertOneProblem(
        replay(List.of(released("ghost", "2026-03-01T00:00:01Z", spend(r, "0", Optional.empty())))),
        0,
        "no collaboration.created entry precedes it");
    assertOneProblem(
        replay(List.of(created("dp", Optional.of(r)), created("dp", Optional.empty()))),
        1,
        "collaboration.created again");
  }

  @Test
  void finish_monthly_chargesTheNamedMonthAcrossTheBoundary() {
    DpRules r = laplace("2", "1", RefreshPolicy.CALENDAR_MONTHLY);
    Optional<YearMonth> march = Optional.of(YearMonth.of(2026, 3));
    Optional<YearMonth> april = Optional.of(YearMonth.of(2026, 4));
    LedgerBudgets.Result result =
        replayDp(
            r,
            released("dp", "2026-03-20T00:00:00Z", spend(r, "0", march)),
            // spent at 23:59:59.999 in March, stamped by the ledger in April: still March
            released("dp", "2026-04-01T00:00:00.004Z", spend(r, "1", march)),
            released("dp", "2026-04-01T00:00:01Z", spend(r, "0", april)));
    assertEquals(List.of(), result.problems());
    assertEquals(Rational.of(2), result.budget("dp").orElseThrow().report().remaining(), "June");
  }

  @Test
  void accept_monthlyPeriodsOutOfPlace_caught() {
    DpRules r = laplace("5", "1", RefreshPolicy.CALENDAR_MONTHLY);
    YearMonth february = YearMonth.of(2026, 2);
    YearMonth march = YearMonth.of(2026, 3);
    YearMonth april = YearMonth.of(2026, 4);
    assertOneProblem(
        replayDp(r, released("dp", "2026-04-10T00:00:00Z", spend(r, "0", Optional.of(february)))),
        1,
        "more than a month from the entry's month 2026-04");
    assertOneProblem(
        replayDp(
            r,
            released("dp", "2026-04-10T00:00:00Z", spend(r, "0", Optional.of(april))),
            released("dp", "2026-04-11T00:00:00Z", spend(r, "0", Optional.of(march)))),
        2,
        "comes after a release charged to 2026-04");
  }

  @Test
  void accept_createdWithInvalidDp_reportedOnceWithThePath() {
    JsonObject rules =
        RulesJson.toJson(
            AnalysisRules.builder()
                .dataset(new DatasetKey("acme", "customers"), d -> d.dimensions("region"))
                .build());
    JsonObject broken = JsonObject.builder().put("mechanism", "laplace").build();
    JsonObject.Builder bad = JsonObject.builder();
    rules.members().forEach((name, value) -> bad.put(name, name.equals("dp") ? broken : value));
    JsonObject body =
        JsonObject.builder()
            .put("collaboration", "dp")
            .put("members", JsonArray.builder().add("acme").add("globex").build())
            .put("purpose", "audience-insights")
            .put("rules", bad.build())
            .put("rulesHash", "00".repeat(32))
            .build();
    DpRules r = laplace("5", "1", RefreshPolicy.NONE);
    LedgerBudgets.Result result =
        replay(
            List.of(
                new LedgerEntry(EntryType.COLLABORATION_CREATED, NOW, PREV, body),
                released("dp", "2026-03-01T00:00:01Z", spend(r, "0", Optional.empty()))));
    assertOneProblem(result, 0, "rules.dp.budget: is required");
  }

  @Test
  void isRelevant_onlyCreatedAndReleasedEntries() {
    DpRules r = laplace("5", "1", RefreshPolicy.NONE);
    assertTrue(LedgerBudgets.isRelevant(created("dp", Optional.of(r)).encode()));
    assertTrue(
        LedgerBudgets.isRelevant(
            released("dp", "2026-03-01T00:00:01Z", Optional.empty()).encode()));
    JsonObject note = JsonObject.builder().put("text", "\"type\":\"query.released\"}").build();
    assertFalse(
        LedgerBudgets.isRelevant(new LedgerEntry(EntryType.LEDGER_NOTE, NOW, PREV, note).encode()));
  }
}
