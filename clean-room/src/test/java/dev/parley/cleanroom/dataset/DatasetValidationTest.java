package dev.parley.cleanroom.dataset;

import static dev.parley.cleanroom.dataset.DatasetServiceTest.SALES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetValidationTest {
  private static final String HEADER = "email,phone,region,channel,spend,visits,day\n";
  private static final String HEX =
      "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";
  private static final String BASE64 = "FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=";
  private static final String GOOD = HEX + ",,north,web,1.5,2,2025-01-01\n";

  @TempDir Path dir;
  private DatasetFixture f;

  @BeforeEach
  void open() throws Exception {
    f = DatasetFixture.open(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private UploadResult upload(String csv, UploadOptions options) throws Exception {
    return f.service.upload(
        "acme", SALES, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), options);
  }

  @Test
  void upload_eachInvalidValue_rejectionNamesRowColumnAndReason() throws Exception {
    String csv =
        HEADER
            + GOOD
            + ",,north,web,1,1,2025-01-01\n"
            + HEX.substring(1)
            + ",,north,web,1,1,2025-01-01\n"
            + HEX.substring(0, 5)
            + "g"
            + HEX.substring(6)
            + ",,north,web,1,1,2025-01-01\n"
            + HEX
            + ",123,north,web,1,1,2025-01-01\n"
            + HEX
            + ",,east,web,1,1,2025-01-01\n"
            + HEX
            + ",,north,"
            + "c".repeat(300)
            + ",1,1,2025-01-01\n"
            + HEX
            + ",,north,web,abc,1,2025-01-01\n"
            + HEX
            + ",,north,web,1,1.5,2025-01-01\n"
            + HEX
            + ",,north,web,1,9999999999999999999,2025-01-01\n"
            + HEX
            + ",,north,web,1,1,2025-02-30\n"
            + HEX
            + ",,north,web,1,1,25-01-01\n"
            + HEX
            + ",,north\n"
            + HEX
            + ",,north,web,1e999,1,2025-01-01\n"
            + HEX
            + ",,north,web,1,1,0000-01-01\n"
            + BASE64.substring(0, 43)
            + "A,,north,web,1,1,2025-01-01\n"
            + ","
            + BASE64
            + ",south,,-0.25,-3,\n";
    UploadResult r = upload(csv, UploadOptions.STRICT.maxRejected(100));
    assertEquals(2, r.rows());
    assertEquals(15, r.rejected());
    String hashLength = "wrong length %d; expected 64 hex characters or 44 base64 characters";
    assertEquals(
        List.of(
            new RowRejection(
                2, "email", "no identifier: every identifier column (email, phone) is empty"),
            new RowRejection(3, "email", "email hash: " + hashLength.formatted(63)),
            new RowRejection(4, "email", "email hash: non-hex character at index 5 (a letter)"),
            new RowRejection(5, "phone", "phone hash: " + hashLength.formatted(3)),
            new RowRejection(6, "region", "not one of the 2 allowed values"),
            new RowRejection(7, "channel", "longer than maxLength 256 (300 characters)"),
            new RowRejection(8, "spend", "not a decimal number: expected e.g. -12.50 or 1.5e3"),
            new RowRejection(
                9, "visits", "not an integer: expected an optional '-' and 1-19 digits"),
            new RowRejection(10, "visits", "integer out of the 64-bit range"),
            new RowRejection(11, "day", "not a calendar date (month 01-12, day within the month)"),
            new RowRejection(12, "day", "not a date: expected YYYY-MM-DD"),
            new RowRejection(13, null, "row has 3 fields; the header has 7"),
            new RowRejection(14, "spend", "decimal number out of the double range"),
            new RowRejection(15, "day", "year must be 0001-9999"),
            new RowRejection(
                16,
                "email",
                "email hash: bad base64: index 43 must be the '=' padding of 32 bytes, got a letter")),
        r.rejections());
    DatasetVersion v = f.service.latest("acme", "sales").orElseThrow();
    assertEquals(15, v.rejected());
    assertEquals(r.rejections(), v.rejections());
  }

  @Test
  void upload_strictWithOneBadRow_failsAndStoresNothing() throws Exception {
    long ledger = f.ledgerSize();
    String csv = HEADER + GOOD + GOOD + HEX + ",,west,web,1,1,2025-01-01\n" + GOOD;
    DatasetUploadException e =
        assertThrows(DatasetUploadException.class, () -> upload(csv, UploadOptions.withKey("k")));
    assertEquals(
        "1 rows rejected, more than maxRejected 0; first: row 3, column region: not one of the 2"
            + " allowed values",
        e.getMessage());
    assertEquals(
        List.of(new RowRejection(3, "region", "not one of the 2 allowed values")), e.rejections());
    assertEquals(1, e.totalRejected());
    assertEquals(Optional.empty(), f.engine.columns("ds_acme_sales_v1"));
    assertEquals(List.of(), f.service.versions("acme", "sales"));
    assertEquals(List.of(), f.engine.catalogRecords(VersionRecords.UPLOAD_KEY_KIND, ""));
    assertEquals(ledger, f.ledgerSize());
    // The key was not consumed: the corrected file uploads as version 1.
    assertEquals(1, upload(HEADER + GOOD, UploadOptions.withKey("k")).version());
  }

  @Test
  void upload_manyBadRows_listsFirst100AndCountsAll() throws Exception {
    String bad = HEX + ",,north,web,x,1,2025-01-01\n";
    String csv = HEADER + GOOD + bad.repeat(150) + GOOD;
    DatasetUploadException strict =
        assertThrows(DatasetUploadException.class, () -> upload(csv, UploadOptions.STRICT));
    assertEquals(100, strict.rejections().size());
    assertEquals(150, strict.totalRejected());
    assertEquals(101, strict.rejections().getLast().row());
    assertThrows(
        DatasetUploadException.class, () -> upload(csv, UploadOptions.STRICT.maxRejected(149)));
    UploadResult tolerant = upload(csv, UploadOptions.STRICT.maxRejected(150));
    assertEquals(2, tolerant.rows());
    assertEquals(150, tolerant.rejected());
    assertEquals(100, tolerant.rejections().size());
    assertEquals(1, tolerant.version());
  }

  @Test
  void upload_badHeader_everyProblemNamesItsColumn() {
    DatasetUploadException e =
        assertThrows(
            DatasetUploadException.class,
            () ->
                upload(
                    "email,phone,region,channel,spend,visits,visits,extra\n" + GOOD,
                    UploadOptions.STRICT));
    assertEquals(
        List.of(
            new RowRejection(0, "visits", "header names the column twice"),
            new RowRejection(0, "extra", "header field 8 is not a column of dataset sales"),
            new RowRejection(0, "day", "missing from the header")),
        e.rejections());
    assertEquals(3, e.totalRejected());
  }

  @Test
  void upload_fileWithoutHeader_messageNeverEchoesTheHash() {
    DatasetUploadException e =
        assertThrows(DatasetUploadException.class, () -> upload(GOOD + GOOD, UploadOptions.STRICT));
    assertEquals(
        new RowRejection(
            0, null, "header field 1 is not a column name; does the file lack a header row?"),
        e.rejections().getFirst());
    for (RowRejection r : e.rejections()) {
      assertFalse(r.toString().contains(HEX.substring(0, 16)), r.toString());
    }
    assertFalse(e.getMessage().contains(HEX.substring(0, 16)));
  }

  @Test
  void upload_malformedCsv_failsEvenWithMaxRejected() {
    DatasetUploadException e =
        assertThrows(
            DatasetUploadException.class,
            () ->
                upload(
                    HEADER + GOOD + HEX + ",,north,\"we\"b,1,1,2025-01-01\n",
                    UploadOptions.STRICT.maxRejected(10)));
    RowRejection r = e.rejections().getFirst();
    assertEquals(2, r.row());
    assertEquals("channel", r.column());
    assertEquals(true, r.reason().startsWith("unexpected character after a closing double quote"));
    assertEquals(List.of(), f.service.versions("acme", "sales"));
  }

  @Test
  void upload_emptyOrCorruptGzip_refused() throws Exception {
    DatasetUploadException empty =
        assertThrows(DatasetUploadException.class, () -> upload("", UploadOptions.STRICT));
    assertEquals("empty input: expected a header row", empty.getMessage());
    byte[] gz =
        DatasetServiceTest.gzip((HEADER + GOOD.repeat(50)).getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
    DatasetUploadException corrupt =
        assertThrows(
            DatasetUploadException.class,
            () ->
                f.service.upload(
                    "acme", SALES, new ByteArrayInputStream(truncated), UploadOptions.STRICT));
    assertEquals(true, corrupt.getMessage().startsWith("corrupt gzip input"), corrupt.getMessage());
    assertEquals(List.of(), f.service.versions("acme", "sales"));
  }
}
