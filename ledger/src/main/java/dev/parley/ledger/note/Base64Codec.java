package dev.parley.ledger.note;

import java.util.Arrays;
import java.util.Base64;

/**
 * Standard base64 (RFC 4648 section 4, with padding) as signed notes use it: a canonical decoder
 * for public data, and a constant-time encoder and decoder for secret key bytes.
 *
 * <p>Canonical means the text is exactly what encoding the decoded bytes gives back: padding
 * present, no line breaks, and unused trailing bits zero. This is stricter than Go's {@code
 * base64.StdEncoding} (which ignores CR and LF and non-zero trailing bits), so every encoding has
 * one accepted spelling; Go's encoder always produces the canonical one.
 *
 * <p>The secret-key variants map between 6-bit values and characters with arithmetic on masks, not
 * with table lookups or branches on the data, so their timing does not depend on the key. Only
 * input lengths (public) decide control flow; invalid characters are accumulated into one flag that
 * is tested after the loop.
 */
final class Base64Codec {
  private Base64Codec() {}

  /**
   * Decodes canonical standard base64.
   *
   * @param text the encoding
   * @return the bytes
   * @throws IllegalArgumentException if the text is not the canonical encoding of any bytes
   */
  static byte[] decodeCanonical(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not standard base64", e);
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException(
          "is not canonical standard base64 (padding or trailing bits)");
    }
    return bytes;
  }

  /**
   * Encodes public bytes.
   *
   * @param bytes the bytes
   * @return standard base64 with padding
   */
  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Encodes secret bytes in constant time. The length must be a multiple of 3 (no padding).
   *
   * @param src the secret bytes
   * @return the ASCII characters, which the caller should zero after use
   */
  static byte[] encodeSecret(byte[] src) {
    if (src.length % 3 != 0) {
      throw new IllegalArgumentException("secret length must be a multiple of 3");
    }
    byte[] out = new byte[src.length / 3 * 4];
    for (int i = 0, o = 0; i < src.length; i += 3, o += 4) {
      int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
      out[o] = encodeSixBits(v >>> 18 & 0x3f);
      out[o + 1] = encodeSixBits(v >>> 12 & 0x3f);
      out[o + 2] = encodeSixBits(v >>> 6 & 0x3f);
      out[o + 3] = encodeSixBits(v & 0x3f);
    }
    return out;
  }

  /**
   * Decodes secret base64 without padding in constant time.
   *
   * @param src the buffer
   * @param offset where the characters start
   * @param length how many characters (a multiple of 4)
   * @return the bytes, which the caller should zero after use
   * @throws IllegalArgumentException if a character is not in the base64 alphabet (the message does
   *     not say which one)
   */
  static byte[] decodeSecret(byte[] src, int offset, int length) {
    if (length % 4 != 0) {
      throw new IllegalArgumentException("must be a multiple of 4 characters");
    }
    byte[] out = new byte[length / 4 * 3];
    int invalid = 0;
    for (int i = 0, o = 0; i < length; i += 4, o += 3) {
      int v = 0;
      for (int k = 0; k < 4; k++) {
        int d = decodeChar(src[offset + i + k] & 0xff);
        invalid |= d;
        v = v << 6 | (d & 0x3f);
      }
      out[o] = (byte) (v >>> 16);
      out[o + 1] = (byte) (v >>> 8);
      out[o + 2] = (byte) v;
    }
    if ((invalid & 0x100) != 0) {
      Arrays.fill(out, (byte) 0);
      throw new IllegalArgumentException("contains a character outside the base64 alphabet");
    }
    return out;
  }

  /** Maps 0-63 to A-Z, a-z, 0-9, '+', '/': each comparison is a sign-bit mask, not a branch. */
  private static byte encodeSixBits(int v) {
    int c = v + 'A';
    c += ((25 - v) >> 31) & ('a' - 26 - 'A');
    c += ((51 - v) >> 31) & ('0' - 52 - ('a' - 26));
    c += ((61 - v) >> 31) & ('+' - 62 - ('0' - 52));
    c += ((62 - v) >> 31) & ('/' - 63 - ('+' - 62));
    return (byte) c;
  }

  /** Maps a character to its 6-bit value, or to a value with bit 8 set if it is not base64. */
  private static int decodeChar(int c) {
    int upper = inRange(c, 'A', 'Z');
    int lower = inRange(c, 'a', 'z');
    int digit = inRange(c, '0', '9');
    int plus = inRange(c, '+', '+');
    int slash = inRange(c, '/', '/');
    int value =
        (upper & (c - 'A'))
            | (lower & (c - 'a' + 26))
            | (digit & (c - '0' + 52))
            | (plus & 62)
            | (slash & 63);
    int valid = upper | lower | digit | plus | slash;
    return value | (~valid & 0x100);
  }

  /** Returns -1 (all bits) if {@code lo <= c <= hi}, else 0, without branching. */
  private static int inRange(int c, int lo, int hi) {
    return ((lo - 1 - c) & (c - hi - 1)) >> 31;
  }
}
