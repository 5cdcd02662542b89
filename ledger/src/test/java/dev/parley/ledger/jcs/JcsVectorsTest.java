package dev.parley.ledger.jcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The published JCS vectors: RFC 8785's own examples and the cyberphone test data. */
class JcsVectorsTest {

  @Test
  void canonicalize_rfc8785Section322Example_matchesSection323OutputAndSection324Bytes() {
    byte[] canonical = Jcs.canonicalize(TestData.bytes("rfc8785/section-3.2.2-input.json"));

    assertArrayEquals(TestData.bytes("rfc8785/section-3.2.3-output.json"), canonical);
    assertArrayEquals(TestData.hex("rfc8785/section-3.2.4-output.hex"), canonical);
  }

  @Test
  void canonicalize_rfc8785SortingExample_ordersPropertiesByUtf16CodeUnits() {
    JsonObject object =
        (JsonObject) Jcs.parse(TestData.bytes("rfc8785/section-3.2.3-sorting-input.json"));
    List<String> expected = new ArrayList<>();
    for (String line : TestData.lines("rfc8785/section-3.2.3-sorting-order.txt")) {
      expected.add(unescapeUnicode(line));
    }

    assertEquals(expected, List.copyOf(object.members().keySet()));
    String canonical = TestData.utf8(Jcs.canonicalize(object));
    int last = -1;
    for (String name : expected) {
      StringBuilder quoted = new StringBuilder();
      JcsWriter.writeString(quoted, name);
      int at = canonical.indexOf(quoted + ":");
      assertTrue(at > last, () -> "order of " + quoted + " in " + canonical);
      last = at;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
  void canonicalize_cyberphoneInput_matchesOutputAndOuthex(String name) {
    byte[] canonical = Jcs.canonicalize(TestData.bytes("cyberphone/input/" + name + ".json"));

    assertEquals(TestData.text("cyberphone/output/" + name + ".json"), TestData.utf8(canonical));
    assertArrayEquals(TestData.hex("cyberphone/outhex/" + name + ".txt"), canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
  void canonicalize_cyberphoneOutput_isAFixedPoint(String name) {
    byte[] output = TestData.bytes("cyberphone/output/" + name + ".json");

    assertArrayEquals(output, Jcs.canonicalize(output));
  }

  static Stream<Arguments> appendixB() {
    return TestData.lines("rfc8785/appendix-b-numbers.csv").stream()
        .map(line -> line.split(",", -1))
        .map(f -> Arguments.of(f[0], f[1], f[2]));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("appendixB")
  void numberToString_rfc8785AppendixB_matches(String bits, String expected, String comment) {
    double value = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(bits));

    if (expected.isEmpty()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Jcs.numberToString(value));
      assertEquals(
          "JSON number must be finite, got " + value + " (RFC 8785 §3.2.2.3)", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(value));
    } else {
      assertEquals(expected, Jcs.numberToString(value));
      assertEquals(expected, Jcs.canonicalString(JsonNumber.of(value)));
      // Parsing the canonical text gives the same double back (JSON -> JCS -> JSON round trip).
      assertEquals(
          value == 0 ? 0.0 : value, ((JsonNumber) Jcs.parse(TestData.utf8(expected))).value());
    }
  }

  private static String unescapeUnicode(String line) {
    StringBuilder out = new StringBuilder();
    for (String unit : line.split("\\\\u", -1)) {
      if (!unit.isEmpty()) {
        out.append((char) Integer.parseInt(unit, 16));
      }
    }
    return out.toString();
  }
}
