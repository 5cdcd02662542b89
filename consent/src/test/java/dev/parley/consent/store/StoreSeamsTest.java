package dev.parley.consent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.journal.MemoryJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory lock and the subject-commitment lookup of {@link ConsentStore}. */
class StoreSeamsTest {
  @TempDir Path data;

  @Test
  void open_whileAnotherStoreIsOpen_throwsStoreLockedAndLeavesFirstUsable() throws IOException {
    MemoryJournal journal = new MemoryJournal();
    try (ConsentStore first = ConsentStore.open(data, journal)) {
      StoreLockedException e =
          assertThrows(StoreLockedException.class, () -> ConsentStore.open(data, journal));
      assertTrue(e.getMessage().contains("consent"), e.getMessage());
      assertTrue(e.getMessage().contains("stop it first"), e.getMessage());
      first.registerPartner(Partner.of("acme", "Acme"));
      assertEquals(1, first.partners().size());
    }
    try (ConsentStore again = ConsentStore.open(data, journal)) {
      assertEquals(1, again.partners().size());
    }
  }

  @Test
  void close_twice_secondCallDoesNothing() throws IOException {
    ConsentStore store = ConsentStore.open(data, new MemoryJournal());
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, store::tripleCount);
  }

  @Test
  void commitment_knownSubject_matchesReceiptAndLedger_emptyAfterErasure() throws IOException {
    MemoryJournal journal = new MemoryJournal();
    try (ConsentStore store = ConsentStore.open(data, journal)) {
      store.registerPartner(Partner.of("acme", "Acme"));
      assertEquals(Optional.empty(), store.commitment(ConsentStoreTest.token(1)));
      ConsentReceipt r =
          store.record(
              ConsentDecision.builder()
                  .subject(ConsentStoreTest.token(1))
                  .partner("acme")
                  .purpose(Purpose.MEASUREMENT)
                  .status(ConsentStatus.GIVEN)
                  .time(Instant.parse("2026-03-01T10:00:00Z"))
                  .source(ConsentSource.CONSENT_CENTER)
                  .policyVersion("v1")
                  .build());
      String c = store.commitment(ConsentStoreTest.token(1)).orElseThrow();
      assertEquals(r.subjectCommitment(), c);
      assertEquals(c, journal.entries().get(0).body().getString("subject"));
      assertTrue(c.matches("[0-9a-f]{64}"), c);
      assertEquals(1, store.erase(ConsentStoreTest.token(1)).orElseThrow().recordsRemoved());
      assertEquals(Optional.empty(), store.commitment(ConsentStoreTest.token(1)));
    }
  }
}
