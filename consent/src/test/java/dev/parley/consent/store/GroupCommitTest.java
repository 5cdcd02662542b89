package dev.parley.consent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.journal.ConsentChange;
import dev.parley.consent.journal.ConsentJournal;
import dev.parley.consent.journal.JournalEntry;
import dev.parley.consent.journal.MemoryJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of concurrent {@link ConsentStore#record} calls, against the real TDB2 store: a
 * journal that holds the first append lets other callers queue up behind the writer lock, so what
 * the next lock holder writes can be observed.
 */
class GroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final int QUEUED = 12;

  @TempDir Path data;
  private GatedJournal journal;
  private ConsentStore store;

  @BeforeEach
  void open() throws IOException {
    journal = new GatedJournal();
    store = ConsentStore.open(data, journal);
    store.registerPartner(Partner.of("acme", "Acme Retail"));
  }

  @AfterEach
  void close() throws IOException {
    journal.gate.countDown();
    store.close();
  }

  /**
   * A memory journal whose first change after {@link #arm} waits for {@link #gate}; it notes each
   * caller thread.
   */
  private static final class GatedJournal implements ConsentJournal {
    final MemoryJournal inner = new MemoryJournal();
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    final List<String> callers = new ArrayList<>();
    boolean armed;

    synchronized void arm() {
      armed = true;
      callers.clear();
    }

    @Override
    public synchronized CompletableFuture<JournalEntry> recordChange(ConsentChange change) {
      callers.add(Thread.currentThread().getName());
      CompletableFuture<JournalEntry> f = inner.recordChange(change);
      if (!armed) {
        return f;
      }
      armed = false;
      held.countDown();
      return f.thenApplyAsync(
          e -> {
            awaitGate();
            return e;
          });
    }

    private void awaitGate() {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public CompletableFuture<JournalEntry> recordBatch(String summary) {
      return inner.recordBatch(summary);
    }

    @Override
    public CompletableFuture<JournalEntry> recordErasure(String subjectCommitment) {
      return inner.recordErasure(subjectCommitment);
    }
  }

  private static ConsentDecision decision(int subject, String recordId) {
    return ConsentDecision.builder()
        .subject(ConsentStoreTest.token(subject))
        .partner("acme")
        .status(ConsentStatus.GIVEN)
        .time(T0)
        .source(ConsentSource.CONSENT_CENTER)
        .policyVersion("v3")
        .purpose(Purpose.MEASUREMENT)
        .recordId(recordId)
        .build();
  }

  /**
   * Starts the held first write, queues the given decisions behind it (each on its own thread,
   * named {@code caller-i}), runs {@code beforeRelease}, then opens the gate; returns each caller's
   * outcome.
   */
  private List<CompletableFuture<ConsentReceipt>> queueBehindHeldWrite(
      List<ConsentDecision> decisions, Runnable beforeRelease) throws Exception {
    CompletableFuture<ConsentReceipt> head = new CompletableFuture<>();
    journal.arm();
    Thread.ofPlatform().name("head").start(() -> complete(head, decision(0, "head")));
    assertTrue(journal.held.await(30, TimeUnit.SECONDS), "first write reached the journal");
    List<CompletableFuture<ConsentReceipt>> out = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      CompletableFuture<ConsentReceipt> f = new CompletableFuture<>();
      ConsentDecision d = decisions.get(i);
      threads.add(Thread.ofPlatform().name("caller-" + i).start(() -> complete(f, d)));
      out.add(f);
    }
    for (Thread t : threads) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(Thread.State.WAITING, t.getState(), t.getName() + " waits for the writer");
    }
    beforeRelease.run();
    journal.gate.countDown();
    head.get(30, TimeUnit.SECONDS);
    return out;
  }

  private void complete(CompletableFuture<ConsentReceipt> f, ConsentDecision d) {
    try {
      f.complete(store.record(d));
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
  }

  @Test
  void record_callersQueuedBehindAWrite_writtenAsOneGroupEachWithItsReceipt() throws Exception {
    List<ConsentDecision> decisions = new ArrayList<>();
    for (int i = 1; i <= QUEUED; i++) {
      decisions.add(decision(i, "r" + i));
    }
    List<CompletableFuture<ConsentReceipt>> outcomes = queueBehindHeldWrite(decisions, () -> {});

    Set<Long> indexes = new HashSet<>();
    for (int i = 0; i < QUEUED; i++) {
      ConsentReceipt r = outcomes.get(i).get(30, TimeUnit.SECONDS);
      assertEquals("r" + (i + 1), r.recordId(), "caller " + i + " got its own receipt");
      indexes.add(r.ledgerIndex());
      List<ConsentRecord> history = store.history(ConsentStoreTest.token(i + 1));
      assertEquals(1, history.size());
      assertEquals(r.ledgerIndex(), history.get(0).ledgerIndex());
    }
    assertEquals(QUEUED, indexes.size(), "one ledger entry per decision");
    List<String> queuedCallers = journal.callers.subList(1, journal.callers.size());
    assertEquals(QUEUED, queuedCallers.size());
    assertEquals(
        1, new HashSet<>(queuedCallers).size(), "one lock holder journaled the whole group");
  }

  @Test
  void record_groupWithUsedRecordIds_onlyThoseCallersFail() throws Exception {
    store.record(decision(99, "taken"));
    List<ConsentDecision> decisions = new ArrayList<>();
    for (int i = 1; i <= QUEUED; i++) {
      String id = i == 3 ? "taken" : i == 7 ? "r6" : "r" + i;
      decisions.add(decision(i, id));
    }
    List<CompletableFuture<ConsentReceipt>> outcomes = queueBehindHeldWrite(decisions, () -> {});

    for (int i = 0; i < QUEUED; i++) {
      int subject = i + 1;
      if (subject == 3 || subject == 7) {
        ExecutionException e = awaitFailure(outcomes.get(i));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        String id = decisions.get(i).recordId();
        assertTrue(e.getCause().getMessage().contains("'" + id + "' is already used"));
        assertEquals(List.of(), store.history(ConsentStoreTest.token(subject)));
      } else {
        ConsentReceipt r = outcomes.get(i).get(30, TimeUnit.SECONDS);
        assertEquals(1, store.history(ConsentStoreTest.token(subject)).size());
        assertEquals(decisions.get(i).recordId(), r.recordId());
      }
    }
  }

  @Test
  void record_ledgerRefusesTheGroup_everyQueuedCallerFailsAndNothingOfThemIsStored()
      throws Exception {
    List<ConsentDecision> decisions = new ArrayList<>();
    for (int i = 1; i <= QUEUED; i++) {
      decisions.add(decision(i, "r" + i));
    }
    List<CompletableFuture<ConsentReceipt>> outcomes =
        queueBehindHeldWrite(decisions, () -> journal.inner.refuse(true));

    for (int i = 0; i < QUEUED; i++) {
      ExecutionException e = awaitFailure(outcomes.get(i));
      assertInstanceOf(ConsentStoreException.class, e.getCause(), "caller " + i);
      assertTrue(e.getCause().getMessage().contains("nothing was recorded"));
      assertEquals(List.of(), store.history(ConsentStoreTest.token(i + 1)));
    }
    assertEquals(1, store.history(ConsentStoreTest.token(0)).size(), "the held write landed");
  }

  private static ExecutionException awaitFailure(CompletableFuture<ConsentReceipt> f)
      throws Exception {
    try {
      f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
