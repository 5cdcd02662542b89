package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.identity.HashCodec;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.identity.InvalidIdentifierException;

/**
 * Decodes identifier text straight from a CSV field buffer into a caller's byte buffer, so no
 * {@code String} or per-row array ever holds a hash.
 *
 * <p>Hashes follow exactly the rules of {@link IdentifierHash#parse}: 64 hex digits of either case,
 * or the 44-character standard base64 (RFC 4648 §4) of the 32 bytes whose last character is the
 * {@code =} padding and whose two pad bits are zero (RFC 4648 §3.5, "pad bits MUST be set to zero
 * by conforming encoders"). Tokens are 86 characters of unpadded base64url (RFC 4648 §5) of 64
 * bytes, whose four pad bits must be zero. Decoding valid input is constant-time: each character's
 * value and validity come from {@link HashCodec}'s arithmetic range masks, never from a branch or a
 * table index. Only after a value is found invalid does {@link #hashProblem} / {@link
 * #tokenProblem} look for the reason (the message names positions and character classes, never the
 * value).
 */
final class IdentifierText {
  /** Length of a decoded hash. */
  static final int HASH_LENGTH = IdentifierHash.LENGTH;

  /** Length of a decoded token. */
  static final int TOKEN_LENGTH = 64;

  /** Length of a token's unpadded base64url form: ceil(64 * 8 / 6). */
  static final int TOKEN_TEXT_LENGTH = 86;

  private IdentifierText() {}

  /**
   * Decodes a hash in hex or base64 form into {@code out[outOffset .. outOffset + 32)}.
   *
   * @return true if the text is a valid hash; if false, the output bytes are unspecified
   */
  static boolean decodeHash(char[] text, int offset, int length, byte[] out, int outOffset) {
    if (length == 64) {
      int invalid = 0;
      for (int i = 0; i < HASH_LENGTH; i++) {
        int hi = HashCodec.hexValue(text[offset + 2 * i]);
        int lo = HashCodec.hexValue(text[offset + 2 * i + 1]);
        invalid |= (hi | lo) >> 31;
        out[outOffset + i] = (byte) ((hi << 4) | (lo & 0xF));
      }
      return invalid == 0;
    }
    if (length == 44 && text[offset + 43] == '=') {
      return decodeBase64(text, offset, 43, out, outOffset, HASH_LENGTH, false);
    }
    return false;
  }

  /**
   * Decodes a token's unpadded base64url form into {@code out[outOffset .. outOffset + 64)}.
   *
   * @return true if the text is a valid token
   */
  static boolean decodeToken(char[] text, int offset, int length, byte[] out, int outOffset) {
    return length == TOKEN_TEXT_LENGTH
        && decodeBase64(text, offset, TOKEN_TEXT_LENGTH, out, outOffset, TOKEN_LENGTH, true);
  }

  /**
   * Decodes {@code chars} base64 data characters (no padding characters) into {@code bytes} bytes,
   * requiring the unused low bits of the last character to be zero.
   */
  private static boolean decodeBase64(
      char[] text, int offset, int chars, byte[] out, int outOffset, int bytes, boolean url) {
    int invalid = 0;
    int accumulator = 0;
    int bits = 0;
    int o = outOffset;
    for (int i = 0; i < chars; i++) {
      int v = HashCodec.base64Value(text[offset + i], url);
      invalid |= v >> 31;
      accumulator = (accumulator << 6) | (v & 63);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (o - outOffset < bytes) {
          out[o++] = (byte) (accumulator >> bits);
        }
        accumulator &= (1 << bits) - 1;
      }
    }
    // The leftover bits are the pad bits; a canonical encoding has them zero.
    invalid |= -accumulator >> 31;
    return invalid == 0 && o - outOffset == bytes;
  }

  /**
   * Explains why a hash field is invalid (call only after {@link #decodeHash} returned false).
   *
   * @return e.g. {@code "email hash: wrong length 43; expected 64 hex characters or 44 base64
   *     characters"}
   */
  static String hashProblem(IdentifierKind kind, char[] text, int offset, int length) {
    try {
      IdentifierHash.parse(kind, new String(text, offset, length));
    } catch (InvalidIdentifierException e) {
      return e.getMessage();
    }
    throw new IllegalStateException("hash text decoded as invalid but parses");
  }

  /**
   * Explains why a token field is invalid (call only after {@link #decodeToken} returned false).
   */
  static String tokenProblem(char[] text, int offset, int length) {
    if (length != TOKEN_TEXT_LENGTH) {
      return "token: wrong length "
          + length
          + "; expected "
          + TOKEN_TEXT_LENGTH
          + " unpadded base64url characters (64 bytes)";
    }
    for (int i = 0; i < length; i++) {
      char c = text[offset + i];
      if (HashCodec.base64Value(c, true) < 0) {
        return "token: character at index "
            + i
            + " ("
            + describe(c)
            + ") is not in the base64url alphabet A-Z a-z 0-9 - _";
      }
    }
    return "token: non-zero padding bits in the character at index 85 (not canonical)";
  }

  /** Names a character's class without revealing identifier content. */
  private static String describe(char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return "a letter or digit";
    }
    if (c == ' ') {
      return "a space";
    }
    if (c < 0x20 || c == 0x7f) {
      return "a control character";
    }
    return c < 0x80 ? "'" + c + "'" : "a non-ASCII character";
  }
}
