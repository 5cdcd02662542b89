package dev.parley.cleanroom.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing, encoding and redaction of identifier hashes. */
class IdentifierHashTest {
  private static final String HEX =
      "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";
  private static final String BASE64 = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=";

  @Test
  void parse_hexAndBase64OfSameHash_areEqual() {
    IdentifierHash fromHex = IdentifierHash.parse(IdentifierKind.EMAIL, HEX);
    IdentifierHash fromBase64 = IdentifierHash.parse(IdentifierKind.EMAIL, BASE64);

    assertEquals(fromHex, fromBase64);
    assertEquals(fromHex.hashCode(), fromBase64.hashCode());
    assertEquals(HEX, fromBase64.toHex());
    assertEquals(BASE64, fromHex.toBase64());
    assertArrayEquals(HexFormat.of().parseHex(HEX), fromHex.bytes());
  }

  @Test
  void equals_differentKind_isFalse() {
    assertNotEquals(
        IdentifierHash.parse(IdentifierKind.EMAIL, HEX),
        IdentifierHash.parse(IdentifierKind.PHONE, HEX));
  }

  @Test
  void toString_neverShowsTheHash() {
    IdentifierHash hash = IdentifierHash.parse(IdentifierKind.PHONE, HEX);

    assertEquals("IdentifierHash[kind=PHONE, sha256=(redacted)]", hash.toString());
    assertFalse(hash.toString().contains(HEX.substring(0, 8)));
  }

  @Test
  void bytes_returnsACopy() {
    IdentifierHash hash = IdentifierHash.parse(IdentifierKind.EMAIL, HEX);
    hash.bytes()[0] ^= 1;

    assertEquals(HEX, hash.toHex());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "''|email hash: wrong length 0; expected 64 hex characters or 44 base64 characters",
        "b4c9|email hash: wrong length 4; expected 64 hex characters or 44 base64 characters",
        "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e47551|email hash: wrong length 63; expected 64 hex characters or 44 base64 characters",
        "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ|email hash: wrong length 43; expected 64 hex characters or 44 base64 characters",
        "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e47551g|email hash: non-hex character at index 63 (a letter)",
        "b4c9a28 323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514|email hash: non-hex character at index 7 (a space)",
        "0xc9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514|email hash: non-hex character at index 1 (a letter)",
        "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf_F5HVRQ=|email hash: bad base64: character at index 36 ('_') is not in the standard alphabet A-Z a-z 0-9 + /",
        "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQA|email hash: bad base64: index 43 must be the '=' padding of 32 bytes, got a letter",
        "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVR==|email hash: bad base64: '=' at index 42; 32 bytes take 43 characters and one '=' at index 43",
        "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRR=|email hash: bad base64: non-zero padding bits in the character at index 42 (not canonical)",
      })
  void parse_malformed_saysExactlyWhy(String text, String reason) {
    InvalidIdentifierException e =
        assertThrows(
            InvalidIdentifierException.class,
            () -> IdentifierHash.parse(IdentifierKind.EMAIL, text));
    assertEquals(reason, e.getMessage());
  }

  @Test
  void ofBytes_wrongLength_isRejected() {
    InvalidIdentifierException e =
        assertThrows(
            InvalidIdentifierException.class,
            () -> IdentifierHash.ofBytes(IdentifierKind.PHONE, new byte[31]));
    assertEquals("phone hash: wrong length 31 bytes; SHA-256 has 32", e.getMessage());
  }

  @Test
  void codec_randomBytes_matchesJdkHexFormatAndBase64() {
    SplittableRandom random = new SplittableRandom(99);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[i % 40];
      random.nextBytes(bytes);
      assertEquals(HexFormat.of().formatHex(bytes), HashCodec.toHex(bytes));
      assertEquals(Base64.getEncoder().encodeToString(bytes), HashCodec.toBase64(bytes));
      if (bytes.length == 32) {
        String hex = HexFormat.of().withUpperCase().formatHex(bytes);
        assertArrayEquals(bytes, HashCodec.fromHex(hex));
        assertArrayEquals(
            bytes, HashCodec.fromBase64Of32(Base64.getEncoder().encodeToString(bytes)));
      }
    }
  }

  @Test
  void codec_everyChar_classifiedLikeTheAlphabets() {
    String hexDigits = "0123456789abcdefABCDEF";
    String base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    String base64UrlDigits = base64Digits.replace('+', '-').replace('/', '_');
    for (int code = 0; code <= Character.MAX_VALUE; code++) {
      char c = (char) code;
      int expectedHex = hexDigits.indexOf(c) < 0 ? -1 : Character.digit(c, 16);
      assertEquals(expectedHex, HashCodec.hexValue(c), "hex");
      assertEquals(base64Digits.indexOf(c), HashCodec.base64Value(c), "base64");
      assertEquals(base64UrlDigits.indexOf(c), HashCodec.base64Value(c, true), "base64url");
    }
    for (int v = 0; v < 64; v++) {
      assertEquals(base64Digits.charAt(v), HashCodec.base64Digit(v));
    }
  }

  @Test
  void fromBase64Of32_nonCanonicalPadBits_isRejectedThoughJdkAcceptsIt() {
    String nonCanonical = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRR=";

    assertEquals(32, Base64.getDecoder().decode(nonCanonical).length);
    assertNull(HashCodec.fromBase64Of32(nonCanonical));
  }
}
