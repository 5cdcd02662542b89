package dev.parley.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.analysis.LedgerBudgets;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.cleanroom.testing.BudgetEntries;
import dev.parley.gateway.cli.CliRun;
import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley audit verify} replaying privacy budgets from logs whose entries were appended
 * directly to a {@link LedgerStore}: an honest log passes with a summary per collaboration; an
 * overspent or malformed one fails naming the entry, the collaboration and the amounts.
 */
class BudgetAuditTest {
  @TempDir Path dir;

  private static CliRun audit(Path ledger) {
    return CliRun.run(
        "audit",
        "verify",
        "--log",
        ledger.resolve("log").toString(),
        "--key",
        ledger.resolve("log.vkey").toString());
  }

  private static DpRules laplace(String budget, String perQuery) {
    return new DpRules(
        Mechanism.LAPLACE,
        Rational.parse(budget),
        Rational.parse(perQuery),
        Optional.empty(),
        RefreshPolicy.NONE,
        1);
  }

  private static void created(LedgerStore store, String id, Optional<DpRules> dp) {
    store.append(EntryType.COLLABORATION_CREATED, BudgetEntries.created(id, dp)).join();
  }

  private static long released(LedgerStore store, String id, Optional<JsonObject> privacy) {
    return store
        .append(EntryType.QUERY_RELEASED, BudgetEntries.released(id, privacy))
        .join()
        .index();
  }

  private static Optional<JsonObject> spend(DpRules r, String spentBefore) {
    return Optional.of(BudgetEntries.privacy(r, Rational.parse(spentBefore), Optional.empty()));
  }

  private LedgerStore open(Path ledger) throws IOException {
    return LedgerStore.open(LedgerOptions.builder(ledger).build());
  }

  @Test
  void verify_honestBudgets_passWithASummaryPerCollaboration() throws Exception {
    Path ledger = dir.resolve("honest");
    DpRules r = laplace("5", "1/2");
    try (LedgerStore store = open(ledger)) {
      created(store, "plain", Optional.empty());
      created(store, "dp-ok", Optional.of(r));
      released(store, "plain", Optional.empty());
      released(store, "dp-ok", spend(r, "0"));
      released(store, "dp-ok", spend(r, "1/2"));
    }
    CliRun run = audit(ledger);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("OK: 5 entries verified"), run.out());
    assertTrue(run.out().contains("Privacy budgets: 1 collaboration with differential"), run.out());
    assertTrue(
        run.out()
            .contains("  dp-ok: laplace, spent 1 of 5 (remaining 4), 2 releases, refresh none"),
        run.out());
  }

  @Test
  void verify_overspendCraftedOnTheLedger_failsNamingEntryCollaborationAndAmounts()
      throws Exception {
    Path ledger = dir.resolve("overspent");
    DpRules r = laplace("2", "1");
    long third;
    try (LedgerStore store = open(ledger)) {
      created(store, "dp-over", Optional.of(r));
      released(store, "dp-over", spend(r, "0"));
      released(store, "dp-over", spend(r, "1"));
      third = released(store, "dp-over", spend(r, "2"));
    }
    CliRun run = audit(ledger);
    assertEquals(1, run.code(), run.out());
    assertTrue(run.out().contains("OK: 4 entries verified"), "the log itself is intact");
    assertEquals(
        "FAILED: privacy budget: entry "
            + third
            + ", collaboration 'dp-over': overspent: the period's spent ε became 3, above the"
            + " budget 2",
        run.err().strip());
    assertTrue(run.out().contains("dp-over: laplace, spent 3 of 2 (remaining -1)"), run.out());
  }

  @Test
  void verify_malformedAndMissingPrivacy_failEachWithItsEntry() throws Exception {
    Path ledger = dir.resolve("malformed");
    DpRules r = laplace("5", "1");
    JsonObject bad =
        JsonObject.builder()
            .put("mechanism", "laplace")
            .put("epsilon", "0.5")
            .put("budget", "5")
            .put("spentBefore", "0")
            .put("refresh", "none")
            .build();
    try (LedgerStore store = open(ledger)) {
      created(store, "dp-bad", Optional.of(r));
      released(store, "dp-bad", Optional.of(bad));
      released(store, "dp-bad", Optional.empty());
    }
    CliRun run = audit(ledger);
    assertEquals(1, run.code());
    assertTrue(
        run.err()
            .contains(
                "FAILED: privacy budget: entry 1, collaboration 'dp-bad': malformed"
                    + " privacy.epsilon: not a rational"),
        run.err());
    assertTrue(run.err().contains("entry 2, collaboration 'dp-bad': no privacy object"), run.err());
  }

  @Test
  void replay_entriesChangedAfterVerification_refused() throws Exception {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    for (Path p : new Path[] {first, second}) {
      try (LedgerStore store = open(p)) {
        created(store, p.getFileName().toString(), Optional.of(laplace("5", "1")));
      }
    }
    NoteVerifierKey key =
        NoteVerifierKey.parse(
            Files.readString(first.resolve("log.vkey"), StandardCharsets.UTF_8).trim());
    Checkpoint verified =
        LogAudit.verify(LogSource.directory(first.resolve("log")), key, null).checkpoint();
    LedgerBudgets.Result honest =
        BudgetAudit.replay(LogSource.directory(first.resolve("log")), verified, Instant.now());
    assertEquals(1, honest.budgets().size());
    LogIntegrityException e =
        assertThrows(
            LogIntegrityException.class,
            () ->
                BudgetAudit.replay(
                    LogSource.directory(second.resolve("log")), verified, Instant.now()));
    assertTrue(e.getMessage().contains("not the verified root"), e.getMessage());
  }
}
