package dev.parley.ledger.entry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Single-pass checks that a span of bytes is JSON in RFC 8785 canonical form, for the plain
 * spellings {@link EntryScanner} can prove on its own (see there); each returns the position after
 * the value, or -1 for "not proven" (which includes every invalid or non-canonical spelling).
 */
final class CanonicalSpans {
  private static final int MAX_DEPTH = 32;

  private CanonicalSpans() {}

  /** Any canonical JSON value; returns the position after it or -1. */
  static int value(byte[] b, int pos, int end, int depth) {
    if (pos >= end || depth > MAX_DEPTH) {
      return -1;
    }
    return switch (b[pos]) {
      case '{' -> object(b, pos, end, depth);
      case '[' -> array(b, pos, end, depth);
      case '"' -> string(b, pos, end);
      case 't' -> literal(b, pos, end, "true");
      case 'f' -> literal(b, pos, end, "false");
      case 'n' -> literal(b, pos, end, "null");
      default -> number(b, pos, end);
    };
  }

  private static int object(byte[] b, int pos, int end, int depth) {
    pos++;
    if (pos < end && b[pos] == '}') {
      return pos + 1;
    }
    int prevStart = -1;
    int prevEnd = -1;
    while (pos < end) {
      int keyStart = pos + 1;
      int keyEnd = plainString(b, pos, end);
      if (keyEnd < 0 || keyEnd + 1 >= end || b[keyEnd + 1] != ':') {
        return -1;
      }
      if (prevStart >= 0 && Arrays.compare(b, prevStart, prevEnd, b, keyStart, keyEnd) >= 0) {
        return -1;
      }
      prevStart = keyStart;
      prevEnd = keyEnd;
      pos = value(b, keyEnd + 2, end, depth + 1);
      if (pos < 0 || pos >= end) {
        return -1;
      }
      if (b[pos] == '}') {
        return pos + 1;
      }
      if (b[pos] != ',') {
        return -1;
      }
      pos++;
    }
    return -1;
  }

  private static int array(byte[] b, int pos, int end, int depth) {
    pos++;
    if (pos < end && b[pos] == ']') {
      return pos + 1;
    }
    while (pos < end) {
      pos = value(b, pos, end, depth + 1);
      if (pos < 0 || pos >= end) {
        return -1;
      }
      if (b[pos] == ']') {
        return pos + 1;
      }
      if (b[pos] != ',') {
        return -1;
      }
      pos++;
    }
    return -1;
  }

  private static int literal(byte[] b, int pos, int end, String word) {
    if (end - pos < word.length()) {
      return -1;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[pos + i] != word.charAt(i)) {
        return -1;
      }
    }
    return pos + word.length();
  }

  /** An integer of 1-15 digits, optionally negative, not -0; returns the position after it. */
  static int number(byte[] b, int pos, int end) {
    int p = pos;
    if (b[p] == '-') {
      p++;
    }
    int digits = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    int n = p - digits;
    if (n == 0 || n > 15 || (b[digits] == '0' && (n > 1 || digits > pos))) {
      return -1;
    }
    return p;
  }

  /**
   * A string with printable ASCII only and no escapes; returns the index of its closing quote or
   * -1.
   */
  static int plainString(byte[] b, int pos, int end) {
    if (b[pos] != '"') {
      return -1;
    }
    for (int p = pos + 1; p < end; p++) {
      byte c = b[p];
      if (c == '"') {
        return p;
      }
      if (c < 0x20 || c == '\\') {
        return -1; // control, escape or non-ASCII (negative)
      }
    }
    return -1;
  }

  /** An ASCII string escaped exactly as RFC 8785 writes it; returns the position after it or -1. */
  static int string(byte[] b, int pos, int end) {
    if (b[pos] != '"') {
      return -1;
    }
    int p = pos + 1;
    while (true) {
      while (p + 8 <= end && plain8((long) LONGS.get(b, p))) {
        p += 8;
      }
      if (p >= end) {
        return -1;
      }
      byte c = b[p];
      if (c == '"') {
        return p + 1;
      }
      if (c < 0x20) {
        return -1; // raw control character, or non-ASCII (negative): not proven here
      }
      if (c == '\\') {
        p = escape(b, p, end);
        if (p < 0) {
          return -1;
        }
      } else {
        p++;
      }
    }
  }

  /** A canonical escape at {@code p}; returns the position after it or -1. */
  private static int escape(byte[] b, int p, int end) {
    if (p + 1 >= end) {
      return -1;
    }
    byte e = b[p + 1];
    if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      return p + 2;
    }
    if (e == 'u' && p + 5 < end && b[p + 2] == '0' && b[p + 3] == '0') {
      int hi = b[p + 4];
      int v = (hi == '0' ? 0 : hi == '1' ? 16 : -1000) + hexLower(b[p + 5]);
      // RFC 8785 3.2.2.2: the six-character form only for controls without a two-character escape
      return v < 0 || v == 8 || v == 9 || v == 10 || v == 12 || v == 13 ? -1 : p + 6;
    }
    return -1;
  }

  /**
   * Tells whether 8 bytes (little-endian in {@code x}) are all printable ASCII other than {@code "}
   * and backslash: no byte has its high bit set, is below 0x20, or equals 0x22 or 0x5C.
   * Bit-parallel tests; each is exact about whether <em>some</em> byte matches.
   */
  private static boolean plain8(long x) {
    long below = (x - ONES * 0x20) & ~x; // high bit set in bytes < 0x20 (for bytes < 0x80)
    long quote = x ^ (ONES * 0x22);
    long backslash = x ^ (ONES * 0x5C);
    long zeroQuote = (quote - ONES) & ~quote;
    long zeroBackslash = (backslash - ONES) & ~backslash;
    return ((x | below | zeroQuote | zeroBackslash) & HIGH) == 0;
  }

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static int hexLower(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1000;
  }
}
