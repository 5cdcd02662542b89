package dev.parley.consent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentEntriesTest {
  private static final String COMMIT = "ab".repeat(32);

  @Test
  void changed_withExpiry_isValidConsentChangedBody() {
    ConsentChange c =
        new ConsentChange(
            COMMIT,
            "acme",
            List.of("measurement", "basic-ads"),
            "given",
            "v3",
            "consent-center",
            "rec-1",
            Optional.of(Instant.parse("2030-01-01T00:00:00Z")));
    JsonObject body = ConsentEntries.changed(c);
    assertEquals(List.of(), EntryType.CONSENT_CHANGED.validate(body));
    assertEquals("2030-01-01T00:00:00.000Z", body.getString("expires"));
    assertEquals(COMMIT, body.getString("subject"));
  }

  @Test
  void changed_withoutExpiry_omitsExpires() {
    ConsentChange c =
        new ConsentChange(
            COMMIT,
            "acme",
            List.of("measurement"),
            "withdrawn",
            "v3",
            "partner-api",
            "rec-2",
            Optional.empty());
    JsonObject body = ConsentEntries.changed(c);
    assertEquals(List.of(), EntryType.CONSENT_CHANGED.validate(body));
    assertFalse(body.get("expires").isPresent());
  }

  @Test
  void erasedAndBatch_areValidBodies() {
    assertEquals(List.of(), EntryType.SUBJECT_ERASED.validate(ConsentEntries.erased(COMMIT)));
    assertEquals(List.of(), EntryType.LEDGER_NOTE.validate(ConsentEntries.batch("x records=1")));
  }

  @Test
  void changed_badCommitment_failsLedgerSchema() {
    ConsentChange c =
        new ConsentChange(
            "XYZ",
            "acme",
            List.of("measurement"),
            "given",
            "v3",
            "partner-api",
            "rec-3",
            Optional.empty());
    assertFalse(EntryType.CONSENT_CHANGED.validate(ConsentEntries.changed(c)).isEmpty());
  }
}
