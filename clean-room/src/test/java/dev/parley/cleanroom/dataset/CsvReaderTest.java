package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<List<String>> parse(String text) throws Exception {
    return parse(new CsvReader(new StringReader(text), 1 << 20));
  }

  private static List<List<String>> parse(CsvReader r) throws Exception {
    List<List<String>> out = new ArrayList<>();
    while (r.next()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < r.fieldCount(); i++) {
        fields.add(r.field(i));
      }
      out.add(fields);
    }
    return out;
  }

  @Test
  void next_rfc4180Quoting_unquotesCommasQuotesAndLineBreaks() throws Exception {
    assertEquals(
        List.of(
            List.of("a", "b,c", "say \"hi\"", "line1\r\nline2", ""),
            List.of("", "", "x\ny", "\"", "")),
        parse("a,\"b,c\",\"say \"\"hi\"\"\",\"line1\r\nline2\",\"\"\r\n,,\"x\ny\",\"\"\"\",\r\n"));
  }

  @Test
  void next_lineEndings_crlfLfAndCrAllEndRecords() throws Exception {
    assertEquals(
        List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d")), parse("a\r\nb\nc\rd"));
  }

  @Test
  void next_bomBlankLinesAndMissingFinalBreak_tolerated() throws Exception {
    assertEquals(
        List.of(List.of("h1", "h2"), List.of("1", "2"), List.of("3", "4")),
        parse("\uFEFFh1,h2\r\n\r\n1,2\n\n\n3,4"));
  }

  @Test
  void recordNumber_blankLinesAndQuotedBreaks_countDataRecords() throws Exception {
    CsvReader r = new CsvReader(new StringReader("h\n\n\"a\nb\"\n\nc\n"), 100);
    List<Long> numbers = new ArrayList<>();
    while (r.next()) {
      numbers.add(r.recordNumber());
    }
    assertEquals(List.of(0L, 1L, 2L), numbers);
  }

  @Test
  void next_quoteInUnquotedField_errorNamesRecordAndField() {
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse("h1,h2\n1,ab\"c\n"));
    assertEquals(1, e.record());
    assertEquals(1, e.field());
    assertEquals(
        "double quote inside an unquoted field; quote the whole field instead", e.getMessage());
  }

  @Test
  void next_textAfterClosingQuote_error() {
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse("\"ab\"c,d\n"));
    assertEquals(0, e.record());
    assertEquals(0, e.field());
  }

  @Test
  void next_unterminatedQuote_error() {
    CsvFormatException e =
        assertThrows(CsvFormatException.class, () -> parse("h\n\"never closed\nmore\n"));
    assertEquals(1, e.record());
    assertEquals("unterminated quoted field (missing closing double quote)", e.getMessage());
  }

  @Test
  void next_recordOverLimit_error() {
    CsvReader r = new CsvReader(new StringReader("x".repeat(5000)), 4096);
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse(r));
    assertEquals("record longer than 4096 characters", e.getMessage());
  }

  @Test
  void next_invalidUtf8_error() throws IOException {
    byte[] bad = {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'};
    UploadInput in = UploadInput.open(new ByteArrayInputStream(bad));
    CsvReader r = new CsvReader(in.reader(), 100);
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse(r));
    assertEquals("input is not valid UTF-8", e.getMessage());
  }

  @Test
  void next_randomFieldsWrittenPerRfc4180_roundTrip() throws Exception {
    Random random = new Random(42);
    String alphabet = "ab,\"\r\n é";
    for (int trial = 0; trial < 200; trial++) {
      List<List<String>> records = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      int count = 1 + random.nextInt(5);
      int width = 1 + random.nextInt(4);
      for (int r = 0; r < count; r++) {
        List<String> fields = new ArrayList<>();
        for (int f = 0; f < width; f++) {
          StringBuilder field = new StringBuilder();
          int length = random.nextInt(6);
          for (int i = 0; i < length; i++) {
            field.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          fields.add(field.toString());
        }
        if (width == 1 && fields.getFirst().isEmpty()) {
          fields.set(0, "x"); // a lone empty field is a blank line, which is skipped
        }
        records.add(fields);
        text.append(String.join(",", fields.stream().map(CsvReaderTest::quote).toList()));
        text.append(random.nextBoolean() ? "\r\n" : "\n");
      }
      assertEquals(records, parse(text.toString()), "input " + text);
    }
  }

  /** Quotes every field, doubling quotes (RFC 4180 §2 rules 6 and 7). */
  private static String quote(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  @Test
  void uploadInput_gzipMagic_detectedAndDigestCoversRawBytes() throws Exception {
    byte[] plain = "h\n1\n".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(plain);
    }
    UploadInput in = UploadInput.open(new ByteArrayInputStream(gz.toByteArray()));
    assertEquals(true, in.gzip());
    assertEquals(List.of(List.of("h"), List.of("1")), parse(new CsvReader(in.reader(), 100)));
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(gz.toByteArray())),
        java.util.HexFormat.of().formatHex(in.finishDigest()));
  }
}
