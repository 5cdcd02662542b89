package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.BudgetReplay;
import dev.parley.cleanroom.dp.PrivacyBudget;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.ReplayReport;
import dev.parley.cleanroom.dp.SpendRecord;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Replays collaborations' privacy budgets from the ledger alone: the budget from each {@code
 * collaboration.created} entry's {@code rules.dp}, the spends from the {@code privacy} objects of
 * the {@code query.released} entries, in ledger order. Pure: the caller reads the entries.
 *
 * <p>Every release of a collaboration with DP rules must carry a {@code privacy} object that agrees
 * with the rules (mechanism, per-query amount, budget, δ, refresh), whose {@code spentBefore} is
 * what the earlier entries spent in its period, and after which the period has not overspent.
 * Collaborations without DP rules must not carry one. Each failure is a {@link Problem} naming the
 * entry index and the collaboration.
 *
 * <p>Periods (refresh {@code calendar-monthly}): a spend is charged to the month its {@code
 * privacy.period} names, which the query service took from its clock when it spent; the entry's own
 * time comes from the ledger's clock, a moment later. The period must be within one month of the
 * entry's month and periods must not go backwards along the ledger; the spend is then replayed at
 * the entry time clamped into that month, so {@link BudgetReplay} charges exactly that month. An
 * entry time earlier than the previous spend's (the ledger's clock may step back) is replayed at
 * the previous time: the ledger order is what counts.
 */
public final class LedgerBudgets {
  private static final byte[] CREATED_SUFFIX = suffix(EntryType.COLLABORATION_CREATED);
  private static final byte[] RELEASED_SUFFIX = suffix(EntryType.QUERY_RELEASED);

  /**
   * A budget problem found on the ledger.
   *
   * @param index the ledger index of the entry at fault
   * @param collaboration the collaboration
   * @param message what is wrong
   */
  public record Problem(long index, String collaboration, String message) {
    @Override
    public String toString() {
      return "entry " + index + ", collaboration '" + collaboration + "': " + message;
    }
  }

  /**
   * One collaboration's replayed budget.
   *
   * @param collaboration the collaboration id
   * @param rules its DP rules
   * @param createdIndex the index of its {@code collaboration.created} entry (−1 if not read)
   * @param releaseIndexes the ledger index of each release, in order
   * @param records the spend records, in ledger order
   * @param report the replay as of the replay time
   */
  public record Budget(
      String collaboration,
      DpRules rules,
      long createdIndex,
      List<Long> releaseIndexes,
      List<SpendRecord> records,
      ReplayReport report) {
    /** Copies the lists. */
    public Budget {
      releaseIndexes = List.copyOf(releaseIndexes);
      records = List.copyOf(records);
    }
  }

  /**
   * The outcome of a replay.
   *
   * @param budgets every collaboration with DP rules, in order of creation
   * @param problems every problem, in the order found
   */
  public record Result(List<Budget> budgets, List<Problem> problems) {
    /** Copies the lists. */
    public Result {
      budgets = List.copyOf(budgets);
      problems = List.copyOf(problems);
    }

    /**
     * Returns one collaboration's budget.
     *
     * @param collaboration the id
     * @return its budget, if it has DP rules
     */
    public Optional<Budget> budget(String collaboration) {
      return budgets.stream().filter(b -> b.collaboration().equals(collaboration)).findFirst();
    }
  }

  private final boolean discover;
  private final Map<String, BudgetTrack> tracks = new LinkedHashMap<>();
  private final Set<String> withoutDp = new HashSet<>();
  private final Set<String> broken = new HashSet<>();
  private final List<Problem> problems = new ArrayList<>();

  private LedgerBudgets(boolean discover) {
    this.discover = discover;
  }

  /**
   * Starts an auditor's replay of a whole ledger: budgets come from the {@code
   * collaboration.created} entries it is fed.
   *
   * @return the replay
   */
  public static LedgerBudgets wholeLedger() {
    return new LedgerBudgets(true);
  }

  /**
   * Starts the replay of one collaboration whose DP rules are already known (feed it the entries
   * after its creation).
   *
   * @param collaboration the collaboration id
   * @param rules its DP rules
   * @param createdIndex the index of its {@code collaboration.created} entry
   * @return the replay
   */
  public static LedgerBudgets oneCollaboration(
      String collaboration, DpRules rules, long createdIndex) {
    LedgerBudgets b = new LedgerBudgets(false);
    b.tracks.put(collaboration, new BudgetTrack(collaboration, rules, createdIndex));
    return b;
  }

  /**
   * Tells whether an encoded entry can matter to a replay, without decoding it: whether it is a
   * {@code collaboration.created} or {@code query.released} entry. Exact, because a canonical entry
   * always ends with its {@code "type":"<name>"} member.
   *
   * @param encoded the canonical entry bytes
   * @return true for the two entry types a replay reads
   */
  public static boolean isRelevant(byte[] encoded) {
    return endsWith(encoded, RELEASED_SUFFIX) || endsWith(encoded, CREATED_SUFFIX);
  }

  /**
   * Feeds the next entry, in ledger order.
   *
   * @param index its ledger index
   * @param entry the decoded entry
   */
  public void accept(long index, LedgerEntry entry) {
    Objects.requireNonNull(entry, "entry");
    JsonObject body = entry.body();
    if (entry.type() == EntryType.COLLABORATION_CREATED && discover) {
      created(index, body);
    } else if (entry.type() == EntryType.QUERY_RELEASED) {
      String id = body.getString("collaboration");
      Optional<JsonValue> privacy = body.get("privacy");
      BudgetTrack t = tracks.get(id);
      if (t != null) {
        t.release(index, entry.time(), privacy, problems);
      } else if (privacy.isPresent() && !broken.contains(id)) {
        problems.add(
            new Problem(
                index,
                id,
                withoutDp.contains(id)
                    ? "a privacy object, but the collaboration's rules have no dp"
                    : "a privacy object, but no collaboration.created entry precedes it"));
      }
    }
  }

  private void created(long index, JsonObject body) {
    String id = body.getString("collaboration");
    if (tracks.containsKey(id) || withoutDp.contains(id) || broken.contains(id)) {
      problems.add(new Problem(index, id, "collaboration.created again for the same id"));
      return;
    }
    Optional<JsonValue> dp =
        body.getObject("rules").get("dp").filter(v -> !(v instanceof JsonNull));
    if (dp.isEmpty()) {
      withoutDp.add(id);
      return;
    }
    try {
      tracks.put(id, new BudgetTrack(id, DpRules.fromJson(dp.get(), "rules.dp"), index));
    } catch (IllegalArgumentException e) {
      broken.add(id);
      problems.add(new Problem(index, id, "collaboration.created " + e.getMessage()));
    }
  }

  /**
   * Finishes the replay: checks every {@code spentBefore} and looks for overspends.
   *
   * @param asOf the time to report remaining budgets for (moved up to the last spend if earlier)
   * @return the budgets and every problem
   */
  public Result finish(Instant asOf) {
    List<Problem> all = new ArrayList<>(problems);
    List<Budget> budgets = new ArrayList<>();
    for (BudgetTrack t : tracks.values()) {
      Instant at =
          t.records.isEmpty() || !t.records.getLast().time().isAfter(asOf)
              ? asOf
              : t.records.getLast().time();
      PrivacyBudget budget = t.rules.privacyBudget();
      ReplayReport report;
      try {
        List<Rational> before = BudgetReplay.spentBeforeEach(t.id, budget, t.records, at);
        for (int i = 0; i < before.size(); i++) {
          Rational claimed = t.claimedBefore.get(i);
          if (!claimed.equals(before.get(i))) {
            all.add(
                new Problem(
                    t.indexes.get(i),
                    t.id,
                    "privacy.spentBefore is "
                        + claimed
                        + " but the earlier releases on the ledger spent "
                        + before.get(i)
                        + " in its period"));
          }
        }
        report = BudgetReplay.replay(t.id, budget, t.records, at);
      } catch (IllegalArgumentException e) {
        all.add(new Problem(t.createdIndex, t.id, "budget replay failed: " + e.getMessage()));
        continue;
      }
      report
          .firstOverspend()
          .ifPresent(
              o ->
                  all.add(
                      new Problem(
                          t.indexes.get(o.position()),
                          t.id,
                          "overspent: the period's spent ε became "
                              + o.spentAfter()
                              + ", above the budget "
                              + budget.totalEpsilon()
                              + budget
                                  .refresh()
                                  .periodOf(o.record().time())
                                  .map(p -> " in " + p)
                                  .orElse(""))));
      budgets.add(new Budget(t.id, t.rules, t.createdIndex, t.indexes, t.records, report));
    }
    return new Result(budgets, all);
  }

  private static byte[] suffix(EntryType type) {
    return ("\"type\":\"" + type.wireName() + "\"}").getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean endsWith(byte[] bytes, byte[] suffix) {
    return bytes.length >= suffix.length
        && Arrays.equals(
            bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
  }
}
