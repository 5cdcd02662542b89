package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartUploadsTest {
  static final DatasetSchema SCHEMA =
      DatasetSchema.builder("visits")
          .identifier("email", IdentifierType.EMAIL_SHA256)
          .dimension(DimensionColumn.of("region", List.of("north", "south")))
          .metric("spend", MetricType.DECIMAL)
          .build();

  private static final String HEADER = "email,region,spend\n";

  @TempDir Path dir;
  private DatasetFixture f;
  private MultipartUploads uploads;

  @BeforeEach
  void open() throws Exception {
    f = DatasetFixture.open(dir);
    uploads = MultipartUploads.open(f.service, dir.resolve("staging"), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    f.close();
  }

  static String hash(int i) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest(("user" + i + "@example.com").getBytes(StandardCharsets.UTF_8)));
  }

  /** Data rows from..to-1 (1-based), with the header. */
  static byte[] part(int from, int to) throws Exception {
    StringBuilder b = new StringBuilder(HEADER);
    for (int i = from; i < to; i++) {
      b.append(hash(i)).append(',').append(i % 2 == 0 ? "north" : "south").append(',');
      b.append(i).append(".5\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private PartReceipt put(String upload, int part, long firstRow, byte[] body) throws Exception {
    return uploads.putPart("acme", upload, part, firstRow, new ByteArrayInputStream(body));
  }

  private static byte[] sha(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  @Test
  void complete_threeParts_oneVersionWithEveryRowAndTheDigestOfPartDigests() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    byte[] p1 = part(1, 11);
    byte[] p2 = gzip(part(11, 21));
    byte[] p3 = part(21, 26);
    assertEquals(10, put(id, 1, 1, p1).rows());
    assertEquals(10, put(id, 2, 11, p2).rows());
    assertEquals(5, put(id, 3, 21, p3).rows());
    long before = f.ledgerSize();

    UploadResult r = uploads.complete("acme", id);

    assertEquals(1, r.version());
    assertEquals(25, r.rows());
    byte[] expected = sha(concat(sha(p1), sha(p2), sha(p3)));
    assertEquals(HexFormat.of().formatHex(expected), r.digest());
    assertEquals(before + 1, f.ledgerSize());
    LedgerEntry e = LedgerEntry.decode(f.ledger.reader().entry(r.ledgerIndex()));
    assertEquals(EntryType.DATASET_UPLOADED, e.type());
    assertEquals(r.digest(), e.body().getString("digest"));
    DatasetVersion v = f.service.latest("acme", "visits").orElseThrow();
    List<String> expectedTokens = new ArrayList<>();
    for (int i = 1; i < 26; i++) {
      expectedTokens.add(DatasetFixture.token(IdentifierKind.EMAIL, hash(i)));
    }
    f.assertTokens(expectedTokens, v.table());
    assertTrue(uploads.status("acme", id).orElseThrow().completed());
    assertFalse(Files.exists(dir.resolve("staging/acme/" + id)), "staging deleted");
  }

  @Test
  void complete_again_sameResultAndNoNewLedgerEntry() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    put(id, 1, 1, part(1, 6));
    UploadResult first = uploads.complete("acme", id);
    long size = f.ledgerSize();
    assertEquals(first, uploads.complete("acme", id));
    assertEquals(size, f.ledgerSize());
    assertThrows(UploadStateException.class, () -> put(id, 2, 6, part(6, 8)));
  }

  @Test
  void putPart_sameBytesAgain_sameReceipt_otherBytesConflict() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    PartReceipt first = put(id, 1, 1, part(1, 6));
    assertEquals(first, put(id, 1, 1, part(1, 6)));
    UploadStateException e =
        assertThrows(UploadStateException.class, () -> put(id, 1, 1, part(1, 7)));
    assertTrue(e.getMessage().startsWith("part 1 was already acknowledged"), e.getMessage());
    assertEquals(1, uploads.status("acme", id).orElseThrow().parts().size());
  }

  @Test
  void complete_badRowInPart3_failsWithUploadWideRowColumnReason_noVersion() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    put(id, 1, 1, part(1, 11));
    put(id, 2, 11, part(11, 21));
    String bad = new String(part(21, 26), StandardCharsets.UTF_8).replace("north", "west");
    PartReceipt p3 = put(id, 3, 21, bad.getBytes(StandardCharsets.UTF_8));
    assertEquals(2, p3.rejected());
    long size = f.ledgerSize();

    DatasetUploadException e =
        assertThrows(DatasetUploadException.class, () -> uploads.complete("acme", id));

    assertEquals(2, e.totalRejected());
    RowRejection first = e.rejections().getFirst();
    assertEquals(22, first.row());
    assertEquals("region", first.column());
    assertEquals("not one of the 2 allowed values", first.reason());
    assertTrue(f.service.versions("acme", "visits").isEmpty());
    assertEquals(size, f.ledgerSize());
  }

  @Test
  void complete_withinMaxRejected_publishesValidRows() throws Exception {
    UploadOptions options = new UploadOptions(java.util.Optional.empty(), 2);
    String id = uploads.begin("acme", SCHEMA, options).status().session().id();
    put(id, 1, 1, part(1, 6));
    String bad = new String(part(6, 10), StandardCharsets.UTF_8).replace("north", "west");
    put(id, 2, 6, bad.getBytes(StandardCharsets.UTF_8));
    UploadResult r = uploads.complete("acme", id);
    assertEquals(7, r.rows());
    assertEquals(2, r.rejected());
    assertEquals(6, r.rejections().getFirst().row());
  }

  @Test
  void complete_missingPartOrRowGap_conflictNamingThePart() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    assertThrows(UploadStateException.class, () -> uploads.complete("acme", id));
    put(id, 1, 1, part(1, 6));
    put(id, 3, 11, part(11, 16));
    UploadStateException missing =
        assertThrows(UploadStateException.class, () -> uploads.complete("acme", id));
    assertTrue(missing.getMessage().startsWith("part 2 is missing"), missing.getMessage());
    put(id, 2, 7, part(7, 11));
    UploadStateException gap =
        assertThrows(UploadStateException.class, () -> uploads.complete("acme", id));
    assertEquals("part 2 starts at row 7 but the parts before it end at row 5", gap.getMessage());
  }

  @Test
  void putPart_badHeader_refusedAndNothingAcknowledged() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    byte[] body = "email,region\n".getBytes(StandardCharsets.UTF_8);
    DatasetUploadException e =
        assertThrows(DatasetUploadException.class, () -> put(id, 1, 1, body));
    assertTrue(e.getMessage().startsWith("part 1: the header"), e.getMessage());
    assertTrue(uploads.status("acme", id).orElseThrow().parts().isEmpty());
  }

  @Test
  void begin_sameUploadKey_resumesTheSameUpload_otherSchemaConflicts() throws Exception {
    MultipartUploads.Begun first = uploads.begin("acme", SCHEMA, UploadOptions.withKey("k-1"));
    assertTrue(first.created());
    String id = first.status().session().id();
    put(id, 1, 1, part(1, 4));
    MultipartUploads.Begun again = uploads.begin("acme", SCHEMA, UploadOptions.withKey("k-1"));
    assertFalse(again.created());
    assertEquals(id, again.status().session().id());
    assertEquals(1, again.status().parts().size());
    DatasetSchema other =
        DatasetSchema.builder("visits").identifier("email", IdentifierType.EMAIL_SHA256).build();
    assertThrows(
        UploadStateException.class,
        () -> uploads.begin("acme", other, UploadOptions.withKey("k-1")));
    // Another partner's identical key names another upload.
    assertFalse(
        id.equals(
            uploads.begin("globex", SCHEMA, UploadOptions.withKey("k-1")).status().session().id()));
  }

  @Test
  void begin_keyOfASingleRequestUpload_conflict() throws Exception {
    f.service.upload(
        "acme", SCHEMA, new ByteArrayInputStream(part(1, 3)), UploadOptions.withKey("once"));
    assertThrows(
        UploadStateException.class,
        () -> uploads.begin("acme", SCHEMA, UploadOptions.withKey("once")));
  }

  @Test
  void otherPartner_cannotSeeOrChangeTheUpload() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    assertTrue(uploads.status("globex", id).isEmpty());
    assertThrows(
        UploadNotFoundException.class,
        () -> uploads.putPart("globex", id, 1, 1, new ByteArrayInputStream(part(1, 3))));
    assertThrows(UploadNotFoundException.class, () -> uploads.complete("globex", id));
  }

  @Test
  void restart_sessionAndAcknowledgedPartsSurvive_stagingHoldsNoHashes() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.withKey("r1")).status().session().id();
    put(id, 1, 1, part(1, 6));
    byte[] staged = Files.readAllBytes(dir.resolve("staging/acme/" + id + "/part-00001"));
    for (int i = 1; i < 6; i++) {
      byte[] h = HexFormat.of().parseHex(hash(i));
      assertFalse(contains(staged, h), "row " + i + "'s hash is not staged");
      assertTrue(
          contains(
              staged,
              HexFormat.of().parseHex(DatasetFixture.token(IdentifierKind.EMAIL, hash(i)))));
    }
    f.close();
    f = DatasetFixture.open(dir);
    uploads = MultipartUploads.open(f.service, dir.resolve("staging"), Clock.systemUTC());

    MultipartUploads.Begun resumed = uploads.begin("acme", SCHEMA, UploadOptions.withKey("r1"));
    assertEquals(id, resumed.status().session().id());
    assertEquals(1, resumed.status().parts().size());
    put(id, 2, 6, part(6, 9));
    assertEquals(8, uploads.complete("acme", id).rows());
  }

  @Test
  void complete_alteredStagingFile_failsAndPublishesNothing() throws Exception {
    String id = uploads.begin("acme", SCHEMA, UploadOptions.STRICT).status().session().id();
    put(id, 1, 1, part(1, 4));
    Path file = dir.resolve("staging/acme/" + id + "/part-00001");
    byte[] b = Files.readAllBytes(file);
    b[3] ^= 1;
    Files.write(file, b);
    assertThrows(java.io.IOException.class, () -> uploads.complete("acme", id));
    assertTrue(f.service.versions("acme", "visits").isEmpty());
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Stream.of(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }

  static byte[] gzip(byte[] plain) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  @Test
  void digestOfParts_matchesTheReferenceDefinition() throws Exception {
    byte[] a = sha("a".getBytes(StandardCharsets.UTF_8));
    byte[] b = sha("b".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(sha(concat(a, b)), MultipartUploads.digestOfParts(List.of(a, b)));
    assertThrows(
        IllegalArgumentException.class,
        () -> MultipartUploads.digestOfParts(List.of(new byte[31])));
  }
}
