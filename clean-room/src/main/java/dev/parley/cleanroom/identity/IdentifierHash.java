package dev.parley.cleanroom.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SHA-256 hash of a normalized identifier: what partners upload instead of the identifier.
 *
 * <p>UID2, "Email address hash encoding": "An email hash is a Base64-encoded SHA-256 hash of a
 * normalized email address. The email address is first normalized, then hashed using the SHA-256
 * hashing algorithm, and then the resulting bytes of the hash value are encoded using Base64
 * encoding" (phone numbers likewise). UID2 also shows the 64-character hex form, and its operator
 * accepts either; {@link #parse} does too, strictly. Hashes are compared in constant time, and
 * {@link #toString()} never prints them: they are pseudonymous personal data.
 */
public final class IdentifierHash {
  /** The length of a SHA-256 hash in bytes. */
  public static final int LENGTH = 32;

  private static final int HEX_LENGTH = 64;
  private static final int BASE64_LENGTH = 44;

  private final IdentifierKind kind;
  private final byte[] bytes;

  private IdentifierHash(IdentifierKind kind, byte[] bytes) {
    this.kind = kind;
    this.bytes = bytes;
  }

  /**
   * Hashes a normalized identifier: SHA-256 of its UTF-8 bytes.
   *
   * @param identifier a normalized identifier
   * @return its hash
   */
  public static IdentifierHash of(NormalizedIdentifier identifier) {
    byte[] utf8 = identifier.value().getBytes(StandardCharsets.UTF_8);
    try {
      return new IdentifierHash(
          identifier.kind(), MessageDigest.getInstance("SHA-256").digest(utf8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /**
   * Wraps raw hash bytes.
   *
   * @param kind the kind of identifier that was hashed
   * @param sha256 exactly 32 bytes (copied)
   * @return the hash
   * @throws InvalidIdentifierException if {@code sha256} is not 32 bytes long
   */
  public static IdentifierHash ofBytes(IdentifierKind kind, byte[] sha256) {
    Objects.requireNonNull(kind, "kind");
    if (sha256.length != LENGTH) {
      throw invalid(kind, "wrong length " + sha256.length + " bytes; SHA-256 has " + LENGTH);
    }
    return new IdentifierHash(kind, sha256.clone());
  }

  /**
   * Parses a hash written as 64 hex digits (either case) or as the 44-character standard base64 of
   * the 32 bytes, with its {@code =} padding, as UID2 sends it.
   *
   * @param kind the kind of identifier that was hashed
   * @param text the encoded hash
   * @return the hash
   * @throws InvalidIdentifierException saying why, e.g. {@code "email hash: wrong length 43; ..."}
   */
  public static IdentifierHash parse(IdentifierKind kind, String text) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    if (text.length() == HEX_LENGTH) {
      byte[] decoded = HashCodec.fromHex(text);
      if (decoded == null) {
        throw invalid(kind, hexProblem(text));
      }
      return new IdentifierHash(kind, decoded);
    }
    if (text.length() == BASE64_LENGTH) {
      byte[] decoded =
          text.charAt(BASE64_LENGTH - 1) == '=' ? HashCodec.fromBase64Of32(text) : null;
      if (decoded == null) {
        throw invalid(kind, base64Problem(text));
      }
      return new IdentifierHash(kind, decoded);
    }
    throw invalid(
        kind,
        "wrong length %d; expected %d hex characters or %d base64 characters"
            .formatted(text.length(), HEX_LENGTH, BASE64_LENGTH));
  }

  /** Finds the first non-hex character of invalid input (not constant-time: input is bad). */
  private static String hexProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (HashCodec.hexValue(text.charAt(i)) < 0) {
        return "non-hex character at index %d (%s)"
            .formatted(i, CharClass.describe(text.charAt(i)));
      }
    }
    throw new IllegalStateException("hex decoding failed without a bad character");
  }

  /** Finds the first problem of invalid base64 input (not constant-time: input is bad). */
  private static String base64Problem(String text) {
    for (int i = 0; i < BASE64_LENGTH - 1; i++) {
      char c = text.charAt(i);
      if (c == '=') {
        return "bad base64: '=' at index %d; 32 bytes take 43 characters and one '=' at index 43"
            .formatted(i);
      }
      if (HashCodec.base64Value(c) < 0) {
        return "bad base64: character at index %d (%s) is not in the standard alphabet A-Z a-z 0-9 + /"
            .formatted(i, CharClass.describe(c));
      }
    }
    if (text.charAt(BASE64_LENGTH - 1) != '=') {
      return "bad base64: index 43 must be the '=' padding of 32 bytes, got "
          + CharClass.describe(text.charAt(BASE64_LENGTH - 1));
    }
    return "bad base64: non-zero padding bits in the character at index 42 (not canonical)";
  }

  private static InvalidIdentifierException invalid(IdentifierKind kind, String reason) {
    return new InvalidIdentifierException(kind, kind.label() + " hash: " + reason);
  }

  /**
   * Returns the kind of identifier that was hashed.
   *
   * @return the kind
   */
  public IdentifierKind kind() {
    return kind;
  }

  /**
   * Returns the 32 hash bytes.
   *
   * @return a copy of the bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the hash as 64 lowercase hex digits.
   *
   * @return the hex form
   */
  public String toHex() {
    return HashCodec.toHex(bytes);
  }

  /**
   * Returns the hash as UID2 sends it: 44 characters of standard base64 with padding.
   *
   * @return the base64 form
   */
  public String toBase64() {
    return HashCodec.toBase64(bytes);
  }

  /** Compares kind and bytes; the bytes in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof IdentifierHash that
        && kind == that.kind
        && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(bytes);
  }

  /** Returns the kind only; the hash is personal data. */
  @Override
  public String toString() {
    return "IdentifierHash[kind=" + kind + ", sha256=(redacted)]";
  }
}
