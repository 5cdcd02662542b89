package dev.parley.ledger.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key name rules (C2SP signed-note "Format"). */
class KeyNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PeterNeumann",
        "example.com/log42",
        "parley.local/ledger",
        "\u00e8",
        "a\u0080b",
        "\ud83d\ude00"
      })
  void isValid_validName_true(String name) {
    assertTrue(KeyNames.isValid(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a+b",
        "a b",
        "a\tb",
        "a\nb",
        "a\u00a0b",
        "a\u2009b",
        "a\u3000b",
        "a\u2028b",
        "a\u0085b",
        "a\u0001b",
        "a\ud800b",
        "a\udc00"
      })
  void isValid_invalidName_false(String name) {
    assertFalse(KeyNames.isValid(name));
  }

  @Test
  void requireValid_nbsp_messageNamesCharacterAndIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> KeyNames.requireValid("origin", "log\u00a0x"));

    assertEquals("origin \"log\u00a0x\" contains a space (U+00A0) at index 3", e.getMessage());
  }

  /**
   * Reference model: the Unicode White_Space property, which Java exposes as "space separators plus
   * the C0 whitespace controls plus NEL" (Character.isSpaceChar covers Zs, Zl and Zp).
   */
  @Test
  void isUnicodeSpace_everyBmpCharacter_matchesWhiteSpaceProperty() {
    for (int c = 0; c <= 0xffff; c++) {
      boolean reference = Character.isSpaceChar(c) || (c >= 0x09 && c <= 0x0d) || c == 0x85;
      assertEquals(reference, KeyNames.isUnicodeSpace(c), KeyNames.codePoint(c));
    }
  }
}
