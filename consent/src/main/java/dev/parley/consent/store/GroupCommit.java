package dev.parley.consent.store;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Group commit for single decisions: concurrent {@link ConsentStore#record} calls are written in
 * one pass of the write path (one SHACL validation, one salt flush, one ledger group, one TDB2
 * transaction) instead of one pass each, while every caller still gets exactly the receipt or the
 * error it would have got alone.
 *
 * <p>How: a caller queues its decision, then takes the store's writer lock. Whoever holds the lock
 * drains the queue in arrival order (up to {@link #MAX_GROUP} at a time) and writes the group;
 * callers whose decision was written by an earlier holder find it done and leave at once. Order is
 * arrival order, so ledger order is still store order. A group that fails validation as a whole (a
 * SHACL violation, or a record id already used, in the store or earlier in the group) is written
 * decision by decision instead, so a bad decision fails only its own caller. If the ledger stops
 * accepting entries midway, the decisions before the stop are recorded and each later one fails
 * with {@link ConsentStoreException} saying nothing of it was recorded.
 */
final class GroupCommit {
  /** Decisions written in one pass at most. */
  static final int MAX_GROUP = 256;

  private final TdbDataset tdb;
  private final ConsentWriter writer;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

  GroupCommit(TdbDataset tdb, ConsentWriter writer) {
    this.tdb = tdb;
    this.writer = writer;
  }

  /** One caller's decision and, once written, its outcome. */
  private static final class Pending {
    final ConsentDecision decision;
    ConsentReceipt receipt;
    RuntimeException failure;

    Pending(ConsentDecision decision) {
      this.decision = decision;
    }

    boolean done() {
      return receipt != null || failure != null;
    }
  }

  /** See {@link ConsentStore#record}. */
  ConsentReceipt record(ConsentDecision decision) {
    Pending mine = new Pending(decision);
    queue.add(mine);
    // The outcome fields are written and read only under the writer lock, which orders them.
    return tdb.exclusive(
        () -> {
          while (!mine.done()) {
            writeGroup();
          }
          if (mine.failure != null) {
            throw mine.failure;
          }
          return mine.receipt;
        });
  }

  /** Drains and writes one group; the caller holds the writer lock. */
  private void writeGroup() {
    List<Pending> group = new ArrayList<>();
    for (Pending p; group.size() < MAX_GROUP && (p = queue.poll()) != null; ) {
      group.add(p);
    }
    try {
      List<ConsentDecision> decisions = group.stream().map(p -> p.decision).toList();
      if (group.size() == 1 || !distinctRecordIds(decisions) || !valid(decisions)) {
        oneByOne(group);
        return;
      }
      ConsentWriter.Placement done = writer.place(decisions);
      List<ConsentReceipt> receipts = done.receipts();
      for (int i = 0; i < group.size(); i++) {
        if (i < receipts.size()) {
          group.get(i).receipt = receipts.get(i);
        } else {
          group.get(i).failure =
              new ConsentStoreException(
                  "ledger refused the decision; nothing was recorded", done.failure());
        }
      }
    } catch (RuntimeException e) {
      for (Pending p : group) {
        if (!p.done()) {
          p.failure = e;
        }
      }
    }
  }

  private boolean valid(List<ConsentDecision> decisions) {
    try {
      writer.validate(decisions);
      return true;
    } catch (ConsentValidationException | IllegalArgumentException e) {
      return false;
    }
  }

  private void oneByOne(List<Pending> group) {
    for (Pending p : group) {
      try {
        p.receipt = writer.recordAll(List.of(p.decision)).get(0);
      } catch (RuntimeException e) {
        p.failure = e;
      }
    }
  }

  private static boolean distinctRecordIds(List<ConsentDecision> decisions) {
    Set<String> seen = new HashSet<>();
    for (ConsentDecision d : decisions) {
      if (!seen.add(d.recordId())) {
        return false;
      }
    }
    return true;
  }
}
