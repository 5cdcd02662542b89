package dev.parley.ledger.jcs;

/**
 * Strict UTF-8 validation of JSON input bytes, before any tokenizing.
 *
 * <p>RFC 8259 §8.1: "JSON text exchanged between systems that are not part of a closed ecosystem
 * MUST be encoded using UTF-8". Well-formedness here is Table 3-7 of the Unicode Standard (as RFC
 * 3629 §4): no overlong forms, no encoded surrogates (ED A0..BF, which I-JSON, RFC 7493 §2.1, also
 * forbids), nothing above U+10FFFF. Noncharacters are well-formed UTF-8 and are rejected later, on
 * the decoded strings, where escaped ones are caught too. Two byte-level rules of RFC 8259 are
 * checked here so that the message can name the exact offset: no byte order mark (§8.1:
 * "Implementations MUST NOT add a byte order mark"; parsers may reject it, and a canonicalizer
 * should), and no raw control character other than the whitespace tab, line feed and carriage
 * return (§7: control characters "MUST be escaped" in strings, and §2 allows no others outside).
 */
final class Utf8Check {
  private Utf8Check() {}

  /**
   * Validates the input.
   *
   * @param in the JSON text
   * @throws InvalidJsonException at the first offending byte
   */
  static void validate(byte[] in) {
    if (in.length >= 3
        && (in[0] & 0xFF) == 0xEF
        && (in[1] & 0xFF) == 0xBB
        && (in[2] & 0xFF) == 0xBF) {
      throw fail("byte order mark U+FEFF is not allowed (RFC 8259 §8.1)", 0);
    }
    int i = 0;
    while (i < in.length) {
      int b = in[i] & 0xFF;
      if (b < 0x80) {
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
          throw fail(
              "unescaped control character U+%04X (RFC 8259 §7 requires \\u escapes)".formatted(b),
              i);
        }
        i++;
        continue;
      }
      int length;
      int min = 0x80; // allowed range of the second byte (Unicode Table 3-7)
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        if (b == 0xE0) {
          min = 0xA0; // below: overlong
        } else if (b == 0xED) {
          max = 0x9F; // above: UTF-16 surrogates D800..DFFF
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        if (b == 0xF0) {
          min = 0x90; // below: overlong
        } else if (b == 0xF4) {
          max = 0x8F; // above: beyond U+10FFFF
        }
      } else {
        throw fail(invalidLead(b), i);
      }
      if (i + length > in.length) {
        throw fail(
            "invalid UTF-8: truncated sequence (lead byte 0x%02X needs %d bytes, only %d remain)"
                .formatted(b, length, in.length - i),
            i);
      }
      int second = in[i + 1] & 0xFF;
      if (second < min || second > max) {
        throw fail(invalidSecond(b, second), i + 1);
      }
      for (int j = 2; j < length; j++) {
        int next = in[i + j] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          throw fail(
              "invalid UTF-8: expected a continuation byte 0x80..0xBF, got 0x%02X".formatted(next),
              i + j);
        }
      }
      i += length;
    }
  }

  private static String invalidLead(int b) {
    if (b <= 0xBF) {
      return "invalid UTF-8: unexpected continuation byte 0x%02X".formatted(b);
    }
    if (b <= 0xC1) {
      return "invalid UTF-8: overlong encoding (lead byte 0x%02X)".formatted(b);
    }
    return "invalid UTF-8: byte 0x%02X never occurs in UTF-8".formatted(b);
  }

  private static String invalidSecond(int lead, int second) {
    if (second >= 0x80 && second <= 0xBF) {
      if (lead == 0xE0 || lead == 0xF0) {
        return "invalid UTF-8: overlong encoding (0x%02X 0x%02X)".formatted(lead, second);
      }
      if (lead == 0xED) {
        return "invalid UTF-8: encoded surrogate (0xED 0x%02X); I-JSON forbids surrogates"
            .formatted(second);
      }
      return "invalid UTF-8: code point above U+10FFFF (0xF4 0x%02X)".formatted(second);
    }
    return "invalid UTF-8: expected a continuation byte 0x80..0xBF, got 0x%02X".formatted(second);
  }

  private static InvalidJsonException fail(String reason, long offset) {
    return new InvalidJsonException(reason, offset, "");
  }
}
