package dev.parley.cleanroom.dataset;

import static dev.parley.cleanroom.dataset.DatasetServiceTest.SALES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash between the engine commit and the ledger append is repaired at the next start. */
class DatasetRecoveryTest {
  @TempDir Path dir;

  /** A ledger whose first append "crashes": before the entry is written, or after it is durable. */
  private static UploadLedger crashing(UploadLedger real, boolean afterAppend) {
    java.util.concurrent.atomic.AtomicBoolean crashed =
        new java.util.concurrent.atomic.AtomicBoolean();
    return new UploadLedger() {
      @Override
      public long size() {
        return real.size();
      }

      @Override
      public OptionalLong find(JsonObject body, long from) throws IOException {
        return real.find(body, from);
      }

      @Override
      public long append(JsonObject body) throws IOException {
        if (crashed.getAndSet(true)) {
          return real.append(body);
        }
        if (afterAppend) {
          real.append(body);
        }
        throw new IOException("simulated crash");
      }
    };
  }

  private static List<Long> datasetEntries(DatasetFixture f) throws Exception {
    List<Long> out = new ArrayList<>();
    for (long i = 0; i < f.ledgerSize(); i++) {
      if (LedgerEntry.decode(f.ledger.reader().entry(i)).type() == EntryType.DATASET_UPLOADED) {
        out.add(i);
      }
    }
    return out;
  }

  private static void uploadUntilCrash(DatasetFixture f) {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                f.service.upload(
                    "acme",
                    SALES,
                    new ByteArrayInputStream(DatasetServiceTest.salesCsv()),
                    UploadOptions.withKey("crash-1")));
    assertTrue(e.getMessage().startsWith("acme/sales v1 is stored but its dataset.uploaded entry"));
    assertFalse(f.service.versions("acme", "sales").getFirst().published());
    assertEquals(java.util.Optional.empty(), f.service.latest("acme", "sales"));
  }

  @Test
  void open_crashBeforeLedgerAppend_appendsTheEntryAtNextStart() throws Exception {
    try (DatasetFixture f = DatasetFixture.open(dir, real -> crashing(real, false), 1024)) {
      uploadUntilCrash(f);
      assertEquals(List.of(), datasetEntries(f));
    }
    try (DatasetFixture f = DatasetFixture.open(dir)) {
      DatasetVersion v = f.service.latest("acme", "sales").orElseThrow();
      assertEquals(List.of(v.ledgerIndex().orElseThrow()), datasetEntries(f));
      assertEquals(
          VersionRecords.ledgerBody(v),
          LedgerEntry.decode(f.ledger.reader().entry(v.ledgerIndex().get())).body());
    }
  }

  @Test
  void open_crashAfterDurableAppend_findsTheEntryInsteadOfAppendingTwice() throws Exception {
    long entries;
    try (DatasetFixture f = DatasetFixture.open(dir, real -> crashing(real, true), 1024)) {
      uploadUntilCrash(f);
      assertEquals(1, datasetEntries(f).size());
      entries = f.ledgerSize();
    }
    try (DatasetFixture f = DatasetFixture.open(dir)) {
      assertEquals(entries, f.ledgerSize());
      assertEquals(
          datasetEntries(f),
          List.of(f.service.latest("acme", "sales").orElseThrow().ledgerIndex().orElseThrow()));
    }
  }

  @Test
  void upload_retryAfterFailedAppend_publishesAndReturnsFirstResult() throws Exception {
    try (DatasetFixture f = DatasetFixture.open(dir, real -> crashing(real, false), 1024)) {
      uploadUntilCrash(f);
      // The same process retries with the same key once the ledger works again.
      UploadResult retry =
          f.service.upload(
              "acme",
              SALES,
              new ByteArrayInputStream(DatasetServiceTest.salesCsv()),
              UploadOptions.withKey("crash-1"));
      assertEquals(1, retry.version());
      assertEquals(List.of(retry.ledgerIndex()), datasetEntries(f));
      assertEquals(1, f.service.versions("acme", "sales").size());
      assertEquals(0, f.service.publishPending());
    }
  }
}
