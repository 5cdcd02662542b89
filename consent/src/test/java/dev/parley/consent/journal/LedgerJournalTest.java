package dev.parley.consent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.ReceiptVerifier;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import dev.parley.ledger.store.Receipts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent changes recorded through the real ledger: the receipt verifies and names no token. */
class LedgerJournalTest {
  @TempDir Path data;

  @Test
  void record_grant_appendsConsentChangedWithVerifiableReceiptAndNoToken() throws Exception {
    byte[] tokenBytes = new byte[64];
    tokenBytes[0] = 42;
    SubjectToken token = SubjectToken.of(tokenBytes);
    try (LedgerStore ledger =
            LedgerStore.open(LedgerOptions.builder(data.resolve("ledger")).build());
        ConsentStore store = ConsentStore.open(data, new LedgerJournal(ledger))) {
      store.registerPartner(Partner.of("acme", "Acme Retail"));
      ConsentReceipt r =
          store.record(
              ConsentDecision.builder()
                  .subject(token)
                  .partner("acme")
                  .status(ConsentStatus.GIVEN)
                  .time(Instant.parse("2026-11-23T10:00:00Z"))
                  .source(ConsentSource.CONSENT_CENTER)
                  .policyVersion("v3")
                  .purpose(Purpose.MEASUREMENT)
                  .build());
      NoteVerifierKey key =
          NoteVerifierKey.parse(
              Files.readString(data.resolve("ledger/log.vkey"), StandardCharsets.UTF_8).trim());
      ReceiptVerifier.Verified v =
          ReceiptVerifier.verify(Receipts.forIndex(ledger, r.ledgerIndex()), key);
      assertEquals(EntryType.CONSENT_CHANGED, v.entry().type());
      assertEquals(r.subjectCommitment(), v.entry().body().getString("subject"));
      assertEquals("given", v.entry().body().getString("status"));
      String entryText = new String(v.entry().encode(), StandardCharsets.UTF_8);
      assertFalse(
          entryText.contains(HexFormat.of().formatHex(tokenBytes)), "no token (hex) on the ledger");
      assertFalse(
          entryText.contains(Base64.getEncoder().encodeToString(tokenBytes)),
          "no token (base64) on the ledger");
      assertFalse(
          entryText.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes)),
          "no token (base64url)");
    }
  }
}
