package dev.parley.ledger.jcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict I-JSON parsing: what is accepted, and the exact reason, offset and path of rejections. */
class JcsParserTest {
  private static final String IJSON =
      "; I-JSON (RFC 7493 §2.1) forbids surrogates and noncharacters";
  private static final String DUPLICATE =
      " (RFC 7493 §2.3: names MUST be unique, compared after unescaping)";

  private static InvalidJsonException reject(String json) {
    return reject(TestData.utf8(json));
  }

  private static InvalidJsonException reject(byte[] json) {
    return assertThrows(InvalidJsonException.class, () -> Jcs.parse(json));
  }

  private static void assertRejected(String json, String reason, long offset, String path) {
    InvalidJsonException e = reject(json);
    assertEquals(reason, e.reason());
    assertEquals(offset, e.byteOffset());
    assertEquals(path, e.path());
  }

  @Test
  void parse_validDocument_buildsTheValueModel() {
    JsonValue value =
        Jcs.parse(TestData.utf8(" {\"b\": [1, 2.5, \"x\"], \"a\": {\"t\": true, \"n\": null}}\n"));

    JsonValue expected =
        JsonObject.builder()
            .put("a", JsonObject.builder().put("t", true).putNull("n").build())
            .put("b", JsonArray.builder().add(1L).add(2.5).add("x").build())
            .build();
    assertEquals(expected, value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"top\"' | \"top\"",
        "-0 | 0",
        "' true ' | true",
        "null | null",
        "1E2 | 100",
        "[1e-400] | [0]"
      })
  void parse_topLevelScalarsAndRounding_areAccepted(String json, String canonical) {
    assertEquals(canonical, Jcs.canonicalString(Jcs.parse(TestData.utf8(json))));
  }

  @Test
  void parse_duplicateName_reportsNameOffsetAndPath() {
    InvalidJsonException e = reject("{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":1,\"d\":2}]}}");

    assertEquals("duplicate property name \"d\"" + DUPLICATE, e.reason());
    assertEquals(28, e.byteOffset());
    assertEquals("/b/c/2/d", e.path());
    assertEquals(
        "duplicate property name \"d\"" + DUPLICATE + " at byte offset 28 (path /b/c/2/d)",
        e.getMessage());
  }

  @Test
  void parse_duplicateNameSpelledWithEscape_isStillADuplicate() {
    assertRejected("{\"a\":1,\"\\u0061\":2}", "duplicate property name \"a\"" + DUPLICATE, 7, "/a");
  }

  @Test
  void parse_errorPath_escapesTildeAndSlashAsJsonPointer() {
    assertRejected(
        "{\"a/b~c\":{\"x\":1,\"x\":2}}",
        "duplicate property name \"x\"" + DUPLICATE,
        16,
        "/a~1b~0c/x");
  }

  @Test
  void parse_sameNameInSiblingObjects_isAccepted() {
    assertEquals(
        "[{\"a\":1},{\"a\":2}]",
        Jcs.canonicalString(Jcs.parse(TestData.utf8("[{\"a\":1},{\"a\":2}]"))));
  }

  @Test
  void parse_loneSurrogateEscapes_areRejectedWithCharIndex() {
    assertRejected(
        "[\"\\ud800\"]",
        "string contains unpaired surrogate U+D800 at char index 0" + IJSON,
        1,
        "/0");
    assertRejected(
        "{\"x\":[\"ok\",\"a\\udc00b\"]}",
        "string contains unpaired surrogate U+DC00 at char index 1" + IJSON,
        11,
        "/x/1");
    assertRejected(
        "\"\\udc00\\ud800\"",
        "string contains unpaired surrogate U+DC00 at char index 0" + IJSON,
        0,
        "");
    assertRejected(
        "{\"\\ud800\":1}",
        "property name contains unpaired surrogate U+D800 at char index 0" + IJSON,
        1,
        "");
  }

  @Test
  void parse_surrogatePairEscape_isAccepted() {
    assertEquals("\"😀\"", Jcs.canonicalString(Jcs.parse(TestData.utf8("\"\\ud83d\\ude00\""))));
  }

  @Test
  void parse_noncharacters_areRejectedEscapedOrRaw() {
    assertRejected(
        "[\"\\uffff\"]", "string contains noncharacter U+FFFF at char index 0" + IJSON, 1, "/0");
    assertRejected(
        "\"ab\\ufdd0\"", "string contains noncharacter U+FDD0 at char index 2" + IJSON, 0, "");
    assertRejected(
        "\"\uDBFF\uDFFF\"", "string contains noncharacter U+10FFFF at char index 0" + IJSON, 0, "");
  }

  @Test
  void parse_numberOverflowingDouble_isRejected() {
    String why = " is outside the IEEE-754 double range (RFC 7493 §2.2, RFC 8785 §3.2.2.3)";
    assertRejected("[1e400]", "number 1e400" + why, 1, "/0");
    assertRejected("{\"n\":-1e400}", "number -1e400" + why, 5, "/n");
    assertRejected("1.7976931348623159e308", "number 1.7976931348623159e308" + why, 0, "");
    assertEquals(
        Double.MAX_VALUE,
        ((JsonNumber) Jcs.parse(TestData.utf8("1.7976931348623157e308"))).value());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'{} x' | 3", "'1 2' | 2", "'[]]' | 2", "'\"a\"\"b\"' | 3", "'null\n,' | 5"})
  void parse_trailingData_isRejectedAtItsOffset(String json, long offset) {
    assertRejected(json, "trailing data after the JSON value", offset, "");
  }

  @Test
  void parse_emptyOrBlankInput_isRejected() {
    assertRejected("", "no JSON value (input is empty or blank)", 0, "");
    assertRejected(" \n\t", "no JSON value (input is empty or blank)", 3, "");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'[1,]' | 'malformed JSON: Unexpected character ('']'' (code 93)): expected a value' | 3",
        "'{\"a\":1,}' | 'malformed JSON: Unexpected character (''}'' (code 125)): was expecting double-quote to start field name' | 7",
        "'01' | 'malformed JSON: Invalid numeric value: Leading zeroes not allowed' | 1",
        "'[1.]' | 'malformed JSON: Unexpected character ('']'' (code 93)) in numeric value: Decimal point not followed by a digit' | 3",
        "'[1,2' | 'malformed JSON: Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, column: 1])' | 4",
      })
  void parse_malformedJson_reportsJacksonReasonAndOffset(String json, String reason, long offset) {
    InvalidJsonException e = reject(json);
    assertEquals(reason, e.reason());
    assertEquals(offset, e.byteOffset());
  }

  @ParameterizedTest
  @CsvSource({
    "NaN",
    "Infinity",
    "'[.5]'",
    "'[+1]'",
    "'[0x10]'",
    "'''a'''",
    "'[1 /*c*/]'",
    "'{a:1}'",
    "'[\"\\x\"]'",
    "tru"
  })
  void parse_nonStandardSyntax_isRejected(String json) {
    assertTrue(reject(json).reason().startsWith("malformed JSON: "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5bc08022 | invalid UTF-8: overlong encoding (lead byte 0xC0) | 1",
        "22eda08022 | invalid UTF-8: encoded surrogate (0xED 0xA0); I-JSON forbids surrogates | 2",
        "22e282 | invalid UTF-8: truncated sequence (lead byte 0xE2 needs 3 bytes, only 2 remain) | 1",
        "22e2616222 | invalid UTF-8: expected a continuation byte 0x80..0xBF, got 0x61 | 2",
        "22e2826222 | invalid UTF-8: expected a continuation byte 0x80..0xBF, got 0x62 | 3",
        "22ff22 | invalid UTF-8: byte 0xFF never occurs in UTF-8 | 1",
        "228022 | invalid UTF-8: unexpected continuation byte 0x80 | 1",
        "22f490808022 | invalid UTF-8: code point above U+10FFFF (0xF4 0x90) | 2",
        "22f080808022 | invalid UTF-8: overlong encoding (0xF0 0x80) | 2",
        "22e0808022 | invalid UTF-8: overlong encoding (0xE0 0x80) | 2",
        "efbbbf31 | byte order mark U+FEFF is not allowed (RFC 8259 §8.1) | 0",
        "5b22012 25d | unescaped control character U+0001 (RFC 8259 §7 requires \\u escapes) | 2",
        "3100 | unescaped control character U+0000 (RFC 8259 §7 requires \\u escapes) | 1",
      })
  void parse_badBytes_reportExactReasonAndOffset(String hex, String reason, long offset) {
    InvalidJsonException e = reject(HexFormat.of().parseHex(hex.replace(" ", "")));
    assertEquals(reason, e.reason());
    assertEquals(offset, e.byteOffset());
  }

  @Test
  void parse_wellFormedMultiByteUtf8_isAccepted() {
    byte[] json = HexFormat.of().parseHex("22c280e0a080ed9fbfee8080f0908080f48fbfbd22");
    String value = ((JsonString) Jcs.parse(json)).value();
    assertEquals("\u0080\u0800\uD7FF\uE000\uD800\uDC00\uDBFF\uDFFD", value);
  }

  @Test
  void parse_nestingBeyondLimit_isRejected() {
    String ok = "[".repeat(JcsParser.MAX_DEPTH) + "]".repeat(JcsParser.MAX_DEPTH);
    Jcs.parse(TestData.utf8(ok));

    InvalidJsonException e = reject("[".repeat(JcsParser.MAX_DEPTH + 1));
    assertTrue(e.reason().startsWith("limit exceeded: Document nesting depth (1001)"), e.reason());
    assertEquals("/0".repeat(JcsParser.MAX_DEPTH - 1), e.path());
    assertTrue(e.getMessage().endsWith(" (path ..." + "/0".repeat(60) + ")"), e.getMessage());
  }

  @Test
  void parse_nullInput_throwsNullPointerException() {
    assertThrows(NullPointerException.class, () -> Jcs.parse(null));
  }
}
