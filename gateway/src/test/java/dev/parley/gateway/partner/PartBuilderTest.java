package dev.parley.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.cleanroom.dataset.CsvRows;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartBuilderTest {
  private static final List<List<String>> ROWS =
      List.of(
          List.of("plain", "with,comma", "with \"quotes\""),
          List.of("multi\nline", "", "cr\rlf\r\n"),
          List.of("ünïcödé", " spaces kept ", "\"\""));

  private static byte[] build() {
    PartBuilder b = new PartBuilder(List.of("a", "b", "c"));
    ROWS.forEach(b::add);
    return b.finish();
  }

  @Test
  void finish_readBackAsTheServerReadsUploads_sameFields() throws Exception {
    List<List<String>> read = new ArrayList<>();
    try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(build()))) {
      rows.next();
      assertEquals(List.of("a", "b", "c"), rows.fields());
      while (rows.next()) {
        read.add(rows.fields());
      }
    }
    assertEquals(ROWS, read);
  }

  @Test
  void finish_sameRows_sameBytes() {
    assertArrayEquals(PartBuilder.sha256(build()), PartBuilder.sha256(build()));
  }

  @Test
  void quote_onlyWhenRfc4180RequiresIt() {
    assertEquals("x y", PartBuilder.quote("x y"));
    assertEquals("\"a\"\"b\"", PartBuilder.quote("a\"b"));
    assertFalse(PartBuilder.quote("plain").startsWith("\""));
  }
}
