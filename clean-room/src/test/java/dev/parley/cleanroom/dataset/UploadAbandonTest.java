package dev.parley.cleanroom.dataset;

import static dev.parley.cleanroom.dataset.MultipartUploadsTest.SCHEMA;
import static dev.parley.cleanroom.dataset.MultipartUploadsTest.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aborted and expired multi-part uploads, over the real DuckDB catalog and staging files. */
class UploadAbandonTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

  @TempDir Path dir;
  private DatasetFixture f;
  private MultipartUploads uploads;

  @BeforeEach
  void open() throws Exception {
    f = DatasetFixture.open(dir);
    uploads = at(T0);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private MultipartUploads at(Instant now) throws Exception {
    return MultipartUploads.open(f.service, staging(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private Path staging() {
    return dir.resolve("staging");
  }

  private String begin(String key) {
    return uploads.begin("acme", SCHEMA, UploadOptions.withKey(key)).status().session().id();
  }

  private void put(String id, int part, long firstRow, byte[] body) throws Exception {
    uploads.putPart("acme", id, part, firstRow, new ByteArrayInputStream(body));
  }

  @Test
  void abort_openUpload_stagedPartsDeletedAndTheUploadIsGone() throws Exception {
    String id = begin("a-1");
    put(id, 1, 1, part(1, 4));
    assertTrue(Files.isDirectory(staging().resolve("acme/" + id)));

    uploads.abort("acme", id);

    assertFalse(Files.exists(staging().resolve("acme/" + id)), "staged parts deleted");
    assertTrue(uploads.status("acme", id).isEmpty());
    UploadNotFoundException put =
        assertThrows(UploadNotFoundException.class, () -> put(id, 2, 4, part(4, 6)));
    assertEquals(
        "upload '" + id + "' is gone: it was aborted at " + T0, put.getMessage(), "says why");
    assertThrows(UploadNotFoundException.class, () -> uploads.complete("acme", id));
    assertThrows(UploadNotFoundException.class, () -> uploads.abort("acme", id));
    UploadStateException again =
        assertThrows(
            UploadStateException.class,
            () -> uploads.begin("acme", SCHEMA, UploadOptions.withKey("a-1")));
    assertTrue(again.getMessage().startsWith("uploadKey: 'a-1' belonged to an upload that was"));
  }

  @Test
  void abort_completedUpload_refusedAndTheVersionStays() throws Exception {
    String id = begin("c-1");
    put(id, 1, 1, part(1, 4));
    UploadResult published = uploads.complete("acme", id);

    UploadStateException e =
        assertThrows(UploadStateException.class, () -> uploads.abort("acme", id));
    assertTrue(e.getMessage().contains("is completed"), e.getMessage());
    assertEquals(published, uploads.complete("acme", id), "completing again: same version");
  }

  @Test
  void abort_otherPartnersUpload_notFoundAndNothingChanges() throws Exception {
    String id = begin("o-1");
    put(id, 1, 1, part(1, 4));
    assertThrows(UploadNotFoundException.class, () -> uploads.abort("globex", id));
    assertEquals(1, uploads.status("acme", id).orElseThrow().parts().size());
  }

  @Test
  void expireAbandoned_uploadsOlderThanMaxAge_expiredOthersKept() throws Exception {
    String stale = begin("old");
    put(stale, 1, 1, part(1, 4));
    String finished = begin("done");
    put(finished, 1, 1, part(1, 3));
    uploads.complete("acme", finished);

    // A week and a second later, reopening (as a restart does) expires what was left incomplete.
    uploads = at(T0.plus(MultipartUploads.MAX_AGE).plusSeconds(1));
    String fresh = begin("new");

    assertTrue(uploads.status("acme", stale).isEmpty(), "incomplete upload expired");
    assertFalse(Files.exists(staging().resolve("acme/" + stale)), "its staged parts deleted");
    UploadNotFoundException e =
        assertThrows(UploadNotFoundException.class, () -> uploads.complete("acme", stale));
    assertTrue(e.getMessage().contains("expired (not completed within 7 days)"), e.getMessage());
    assertTrue(uploads.status("acme", finished).orElseThrow().result().isPresent(), "kept");
    assertTrue(uploads.status("acme", fresh).isPresent(), "a new upload is kept");
    assertEquals(0, uploads.expireAbandoned(), "nothing left to expire");
  }

  @Test
  void expireAbandoned_uploadYoungerThanMaxAge_kept() throws Exception {
    String id = begin("young");
    put(id, 1, 1, part(1, 4));
    uploads = at(T0.plus(MultipartUploads.MAX_AGE).minus(Duration.ofSeconds(1)));
    assertEquals(0, uploads.expireAbandoned());
    assertEquals(1, uploads.status("acme", id).orElseThrow().parts().size());
  }

  @Test
  void open_crashAfterAbortRecordBeforeDelete_leftoverStagingDeleted() throws Exception {
    String id = begin("crash");
    put(id, 1, 1, part(1, 4));
    // The abort record is durable, but the process died before deleting the staged parts.
    f.engine.putCatalogRecord(
        SessionRecords.aborted(
            "acme", id, new SessionRecords.Aborted(T0, SessionRecords.AbortReason.ABORTED)));
    assertTrue(Files.isDirectory(staging().resolve("acme/" + id)));

    uploads = at(T0);

    assertFalse(Files.exists(staging().resolve("acme/" + id)));
    assertTrue(uploads.status("acme", id).isEmpty());
  }
}
