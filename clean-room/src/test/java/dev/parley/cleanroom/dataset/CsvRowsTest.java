package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {
  private static CsvRows open(byte[] bytes) throws Exception {
    return CsvRows.open(new ByteArrayInputStream(bytes));
  }

  @Test
  void next_plainAndGzip_sameRecordsAndRowNumbersAsUploads() throws Exception {
    byte[] csv = "a,b\n1,\"x,y\"\n\n2,z\n".getBytes(StandardCharsets.UTF_8);
    for (byte[] input : List.of(csv, MultipartUploadsTest.gzip(csv))) {
      try (CsvRows rows = open(input)) {
        assertTrue(rows.next());
        assertEquals(0, rows.recordNumber());
        assertEquals(List.of("a", "b"), rows.fields());
        assertTrue(rows.next());
        assertEquals(List.of("1", "x,y"), rows.fields());
        assertTrue(rows.next());
        assertEquals(2, rows.recordNumber(), "the blank line is not counted");
        assertEquals(List.of("2", "z"), rows.fields());
        assertFalse(rows.next());
      }
    }
  }

  @Test
  void next_malformed_namesTheRow() throws Exception {
    try (CsvRows rows = open("a\nx\"y\n".getBytes(StandardCharsets.UTF_8))) {
      rows.next();
      DatasetUploadException e = assertThrows(DatasetUploadException.class, rows::next);
      assertEquals(1, e.rejections().getFirst().row());
    }
  }
}
