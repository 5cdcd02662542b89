package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.BudgetAccountant;
import dev.parley.cleanroom.dp.SpendRecord;
import dev.parley.ledger.entry.EntryFormatException;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.layout.LogLayout;
import dev.parley.ledger.layout.TileState;
import dev.parley.ledger.store.LedgerStore;
import dev.parley.ledger.store.TileReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The privacy-budget accountants of the collaborations with DP, one lock each, rebuilt from the
 * ledger.
 *
 * <p>An accountant is built the first time a collaboration is queried, from the {@code
 * query.released} entries after its {@code collaboration.created} entry ({@link LedgerBudgets}), so
 * the budget the service enforces is the one an auditor replays from the ledger alone. Spending,
 * running and appending happen under the collaboration's lock ({@link #locked}), so the ledger
 * order of releases is the order of spends and every {@code spentBefore} is exact.
 *
 * <p>If a query fails after its spend (engine or ledger failure), the caller {@link #invalidate}s
 * the accountant: the next query rebuilds it from the ledger, which holds only what was released. A
 * crash between a spend and its ledger entry likewise forgets a spend whose result was never
 * released, which is harmless: privacy is lost only by releasing. The accountant's clock never goes
 * back before the last spend, even if the service clock and the ledger clock disagree.
 */
final class BudgetBook {
  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    BudgetAccountant accountant;
  }

  private final LedgerStore ledger;
  private final Clock clock;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  BudgetBook(LedgerStore ledger, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs {@code body} with the collaboration's accountant while holding its lock.
   *
   * @throws IllegalStateException if the budget cannot be rebuilt from the ledger (an inconsistent
   *     or overspent history): DP queries of that collaboration then stop
   */
  <T> T locked(Collaboration c, DpRules rules, Function<BudgetAccountant, T> body) {
    Slot slot = slots.computeIfAbsent(c.id(), id -> new Slot());
    slot.lock.lock();
    try {
      if (slot.accountant == null) {
        slot.accountant = rebuild(c, rules);
      }
      return body.apply(slot.accountant);
    } finally {
      slot.lock.unlock();
    }
  }

  /** Forgets a collaboration's accountant; the next query rebuilds it from the ledger. */
  void invalidate(String collaborationId) {
    Slot slot = slots.get(collaborationId);
    if (slot != null) {
      slot.lock.lock();
      try {
        slot.accountant = null;
      } finally {
        slot.lock.unlock();
      }
    }
  }

  /** Replays a collaboration's budget from the ledger as it is now. */
  LedgerBudgets.Result replay(Collaboration c, DpRules rules) {
    LedgerBudgets replay = LedgerBudgets.oneCollaboration(c.id(), rules, c.createdIndex());
    long size = ledger.latest().checkpoint().size();
    forEachEntry(
        ledger.reader(),
        c.createdIndex() + 1,
        size,
        (index, bytes) -> {
          if (!LedgerBudgets.isRelevant(bytes)) {
            return;
          }
          LedgerEntry e;
          try {
            e = LedgerEntry.decode(bytes);
          } catch (EntryFormatException x) {
            throw new IllegalStateException("ledger entry " + index + " does not decode", x);
          }
          if (c.id().equals(e.body().getString("collaboration"))) {
            replay.accept(index, e);
          }
        });
    return replay.finish(clock.instant());
  }

  private BudgetAccountant rebuild(Collaboration c, DpRules rules) {
    LedgerBudgets.Result r = replay(c, rules);
    if (!r.problems().isEmpty()) {
      throw new IllegalStateException(
          "the privacy budget of collaboration '"
              + c.id()
              + "' cannot be rebuilt from the ledger, so its queries are stopped: "
              + r.problems().getFirst()
              + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1) + " more)" : ""));
    }
    List<SpendRecord> records = r.budget(c.id()).orElseThrow().records();
    Instant floor = records.isEmpty() ? Instant.MIN : records.getLast().time();
    return BudgetAccountant.resume(
        c.id(), rules.privacyBudget(), new RatchetClock(clock, floor), records);
  }

  /** An entry visitor. */
  interface EntryVisitor {
    void visit(long index, byte[] entry);
  }

  /** Visits entries [from, to) bundle by bundle (one read and one decode per 256 entries). */
  static void forEachEntry(TileReader reader, long from, long to, EntryVisitor visitor) {
    for (long b = Math.max(0, from) / TileState.WIDTH; b * TileState.WIDTH < to; b++) {
      long first = b * TileState.WIDTH;
      int width = (int) Math.min(TileState.WIDTH, to - first);
      // A partial bundle can be replaced by a longer one meanwhile; then read entry by entry.
      List<byte[]> entries =
          reader
              .resource(LogLayout.bundlePath(b, width == TileState.WIDTH ? 0 : width))
              .map(LogLayout::decodeBundle)
              .filter(list -> list.size() == width)
              .orElse(List.of());
      for (int i = 0; i < width; i++) {
        long index = first + i;
        if (index >= from) {
          visitor.visit(index, entries.isEmpty() ? reader.entry(index) : entries.get(i));
        }
      }
    }
  }

  /** A clock that never returns an instant before the last one it returned (nor before a floor). */
  static final class RatchetClock extends Clock {
    private final Clock base;
    private Instant last;

    RatchetClock(Clock base, Instant floor) {
      this.base = base;
      this.last = floor;
    }

    @Override
    public ZoneId getZone() {
      return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new RatchetClock(base.withZone(zone), instant());
    }

    @Override
    public synchronized Instant instant() {
      Instant now = base.instant();
      if (now.isAfter(last)) {
        last = now;
      }
      return last;
    }
  }
}
