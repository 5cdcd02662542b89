package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.PrivacyJson;
import dev.parley.cleanroom.dp.PrivacyRelease;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.cleanroom.dp.SpendRecord;
import dev.parley.ledger.jcs.JsonValue;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One collaboration's spends as read from the ledger by {@link LedgerBudgets}: checks each {@code
 * privacy} object against the rules and turns it into a {@link SpendRecord}.
 */
final class BudgetTrack {
  final String id;
  final DpRules rules;
  final long createdIndex;
  final List<Long> indexes = new ArrayList<>();
  final List<SpendRecord> records = new ArrayList<>();
  final List<Rational> claimedBefore = new ArrayList<>();
  private YearMonth lastPeriod;

  BudgetTrack(String id, DpRules rules, long createdIndex) {
    this.id = id;
    this.rules = rules;
    this.createdIndex = createdIndex;
  }

  /** Reads one release of this collaboration; adds problems instead of throwing. */
  void release(
      long index, Instant time, Optional<JsonValue> privacy, List<LedgerBudgets.Problem> problems) {
    if (privacy.isEmpty()) {
      problems.add(
          new LedgerBudgets.Problem(
              index, id, "no privacy object, but the collaboration's rules have dp"));
      return;
    }
    PrivacyRelease r;
    try {
      r = PrivacyJson.parse(privacy.get());
    } catch (IllegalArgumentException e) {
      problems.add(new LedgerBudgets.Problem(index, id, "malformed " + e.getMessage()));
      return;
    }
    Optional<String> mismatch = mismatch(r);
    if (mismatch.isPresent()) {
      problems.add(new LedgerBudgets.Problem(index, id, mismatch.get()));
      return;
    }
    Instant at = time;
    if (rules.refresh() == RefreshPolicy.CALENDAR_MONTHLY) {
      YearMonth period = r.period().orElseThrow(); // PrivacyRelease requires it for this policy
      YearMonth entryMonth = YearMonth.from(time.atOffset(ZoneOffset.UTC));
      if (period.isBefore(entryMonth.minusMonths(1)) || period.isAfter(entryMonth.plusMonths(1))) {
        problems.add(
            new LedgerBudgets.Problem(
                index,
                id,
                "privacy.period "
                    + period
                    + " is more than a month from the entry's month "
                    + entryMonth));
        return;
      }
      if (lastPeriod != null && period.isBefore(lastPeriod)) {
        problems.add(
            new LedgerBudgets.Problem(
                index,
                id,
                "privacy.period " + period + " comes after a release charged to " + lastPeriod));
        return;
      }
      lastPeriod = period;
      Instant start = period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      at = at.isBefore(start) ? start : at.isBefore(end) ? at : end.minusNanos(1);
    }
    if (!records.isEmpty() && at.isBefore(records.getLast().time())) {
      at = records.getLast().time(); // the ledger's clock may step back; order is what counts
    }
    indexes.add(index);
    records.add(new SpendRecord(id, at, r.mechanism(), r.amount()));
    claimedBefore.add(r.spentBefore());
  }

  /** Returns how the release disagrees with the rules, if it does. */
  private Optional<String> mismatch(PrivacyRelease r) {
    String amount = r.mechanism() == Mechanism.LAPLACE ? "epsilon" : "rho";
    if (r.mechanism() != rules.mechanism()) {
      return Optional.of(
          "privacy.mechanism is "
              + r.mechanism().wireName()
              + " but the rules use "
              + rules.mechanism().wireName());
    }
    if (!r.amount().equals(rules.perQuery())) {
      return Optional.of(
          "privacy." + amount + " is " + r.amount() + " but the rules charge " + rules.perQuery());
    }
    if (!r.budget().equals(rules.budget())) {
      return Optional.of(
          "privacy.budget is " + r.budget() + " but the rules' budget is " + rules.budget());
    }
    if (!r.delta().equals(rules.delta())) {
      return Optional.of(
          "privacy.delta is "
              + r.delta().map(Rational::toString).orElse("absent")
              + " but the rules' delta is "
              + rules.delta().map(Rational::toString).orElse("absent"));
    }
    if (r.refresh() != rules.refresh()) {
      return Optional.of(
          "privacy.refresh is "
              + r.refresh().wireName()
              + " but the rules' refresh is "
              + rules.refresh().wireName());
    }
    return Optional.empty();
  }
}
