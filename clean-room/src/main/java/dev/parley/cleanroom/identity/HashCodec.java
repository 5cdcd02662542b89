package dev.parley.cleanroom.identity;

/**
 * Hex and standard base64 (RFC 4648 §4) for identifier hashes, in constant time.
 *
 * <p>Identifier hashes are pseudonymous personal data that a dictionary attack could reverse, so
 * encoding and decoding valid input neither branches on nor indexes tables with the data: each
 * character's value and validity come from arithmetic range masks. Only once an input has been
 * found invalid does a second, ordinary pass look for the first bad position, to report it.
 */
public final class HashCodec {
  private HashCodec() {}

  /** Returns -1 if lo <= x <= hi, else 0; for 0 <= x, lo, hi < 2^16, without branching. */
  static int inRange(int x, int lo, int hi) {
    return ~(((x - lo) | (hi - x)) >> 31);
  }

  /** Returns -1 if x > bound, else 0; for small non-negative ints. */
  private static int above(int x, int bound) {
    return (bound - x) >> 31;
  }

  static String toHex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = hexDigit((bytes[i] >> 4) & 0xF);
      out[2 * i + 1] = hexDigit(bytes[i] & 0xF);
    }
    return new String(out);
  }

  private static char hexDigit(int nibble) {
    return (char) (nibble + '0' + (above(nibble, 9) & ('a' - '0' - 10)));
  }

  /**
   * Decodes hex of either case.
   *
   * @param s an even number of characters
   * @return the bytes, or {@code null} if some character is not a hex digit
   */
  static byte[] fromHex(String s) {
    byte[] out = new byte[s.length() / 2];
    int invalid = 0;
    for (int i = 0; i < out.length; i++) {
      int hi = hexValue(s.charAt(2 * i));
      int lo = hexValue(s.charAt(2 * i + 1));
      invalid |= (hi | lo) >> 31; // -1 if either is invalid (value -1)
      out[i] = (byte) ((hi << 4) | (lo & 0xF));
    }
    return invalid == 0 ? out : null;
  }

  /**
   * Returns the value of a hex digit of either case, or -1; constant-time.
   *
   * @param c the character
   * @return 0..15, or -1
   */
  public static int hexValue(char c) {
    int digit = inRange(c, '0', '9');
    int lower = inRange(c, 'a', 'f');
    int upper = inRange(c, 'A', 'F');
    int valid = digit | lower | upper;
    int value = (digit & (c - '0')) | (lower & (c - 'a' + 10)) | (upper & (c - 'A' + 10));
    return (valid & value) | ~valid;
  }

  static String toBase64(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length + 2) / 3 * 4);
    int i = 0;
    for (; i + 3 <= bytes.length; i += 3) {
      int group = ((bytes[i] & 0xFF) << 16) | ((bytes[i + 1] & 0xFF) << 8) | (bytes[i + 2] & 0xFF);
      out.append(base64Digit(group >> 18))
          .append(base64Digit((group >> 12) & 63))
          .append(base64Digit((group >> 6) & 63))
          .append(base64Digit(group & 63));
    }
    int rest = bytes.length - i;
    if (rest == 1) {
      int group = (bytes[i] & 0xFF) << 16;
      out.append(base64Digit(group >> 18)).append(base64Digit((group >> 12) & 63)).append("==");
    } else if (rest == 2) {
      int group = ((bytes[i] & 0xFF) << 16) | ((bytes[i + 1] & 0xFF) << 8);
      out.append(base64Digit(group >> 18))
          .append(base64Digit((group >> 12) & 63))
          .append(base64Digit((group >> 6) & 63))
          .append('=');
    }
    return out.toString();
  }

  /** Returns the base64 character for 0..63: A-Z, a-z, 0-9, '+', '/'; constant-time. */
  static char base64Digit(int v) {
    return (char)
        (v
            + 'A'
            + (above(v, 25) & ('a' - 'A' - 26))
            + (above(v, 51) & ('0' - 'a' - 26))
            + (above(v, 61) & ('+' - '0' - 10))
            + (above(v, 62) & ('/' - '+' - 1)));
  }

  /** Returns the value of a standard base64 character, or -1; constant-time. */
  static int base64Value(char c) {
    return base64Value(c, false);
  }

  /**
   * Returns the value of a character of the standard (RFC 4648 §4) or URL-safe (§5) base64
   * alphabet, or -1; constant-time.
   *
   * @param c the character
   * @param url true for the URL-safe alphabet ('-' and '_' for 62 and 63)
   * @return 0..63, or -1
   */
  public static int base64Value(char c, boolean url) {
    int upper = inRange(c, 'A', 'Z');
    int lower = inRange(c, 'a', 'z');
    int digit = inRange(c, '0', '9');
    int c62 = url ? inRange(c, '-', '-') : inRange(c, '+', '+');
    int c63 = url ? inRange(c, '_', '_') : inRange(c, '/', '/');
    int valid = upper | lower | digit | c62 | c63;
    int value =
        (upper & (c - 'A'))
            | (lower & (c - 'a' + 26))
            | (digit & (c - '0' + 52))
            | (c62 & 62)
            | (c63 & 63);
    return (valid & value) | ~valid;
  }

  /**
   * Decodes the 43 data characters of a 32-byte value's base64 form (the 44th is '=').
   *
   * <p>43 characters carry 258 bits; the last character's 2 low bits are padding and must be zero
   * (RFC 4648 §3.5: "pad bits MUST be set to zero by conforming encoders"), so the encoding is
   * canonical.
   *
   * @param s 44 characters
   * @return 32 bytes, or {@code null} if a data character is invalid or the pad bits are not zero
   */
  static byte[] fromBase64Of32(String s) {
    byte[] out = new byte[32];
    int invalid = 0;
    int o = 0;
    for (int i = 0; i < 40; i += 4) {
      int a = base64Value(s.charAt(i));
      int b = base64Value(s.charAt(i + 1));
      int c = base64Value(s.charAt(i + 2));
      int d = base64Value(s.charAt(i + 3));
      invalid |= (a | b | c | d) >> 31;
      int group = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = (byte) (group >> 16);
      out[o++] = (byte) (group >> 8);
      out[o++] = (byte) group;
    }
    int a = base64Value(s.charAt(40));
    int b = base64Value(s.charAt(41));
    int c = base64Value(s.charAt(42));
    invalid |= (a | b | c) >> 31;
    invalid |= -(c & 3) >> 31; // non-zero pad bits
    int group = (a << 12) | (b << 6) | c;
    out[30] = (byte) (group >> 10);
    out[31] = (byte) (group >> 2);
    return invalid == 0 ? out : null;
  }
}
