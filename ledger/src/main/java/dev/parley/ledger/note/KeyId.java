package dev.parley.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A signed-note key ID: a 32-bit identifier of a (key name, signature type, public key) triple.
 *
 * <p>C2SP signed-note, "Signatures": "key ID = SHA-256(key name || 0x0A || signature type || public
 * key)[:4]", "interpreted in big-endian order". The value is held in an {@code int}; compare IDs
 * with {@link #equals}, and read the unsigned value with {@link #unsigned()}. The text form is the
 * spec's "fixed length lowercase Base 16 encoding" (8 hex digits).
 *
 * @param value the 32 bits, big-endian
 */
public record KeyId(int value) {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Computes the key ID of a key.
   *
   * @param name a valid key name
   * @param type the signature type
   * @param publicKey the encoded public key (without the type byte)
   * @return the first four bytes of the SHA-256 hash, big-endian
   */
  public static KeyId compute(String name, SignatureType type, byte[] publicKey) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x0A);
    sha256.update(type.id());
    sha256.update(publicKey);
    return fromBytes(sha256.digest(), 0);
  }

  /**
   * Reads a key ID stored as four big-endian bytes.
   *
   * @param bytes the buffer
   * @param offset where the four bytes start
   * @return the key ID
   */
  public static KeyId fromBytes(byte[] bytes, int offset) {
    return new KeyId(
        (bytes[offset] & 0xff) << 24
            | (bytes[offset + 1] & 0xff) << 16
            | (bytes[offset + 2] & 0xff) << 8
            | (bytes[offset + 3] & 0xff));
  }

  /**
   * Parses the text form used in vkeys and skeys.
   *
   * @param hex exactly 8 lowercase hex digits
   * @return the key ID
   * @throws IllegalArgumentException if {@code hex} is not 8 lowercase hex digits
   */
  public static KeyId parseHex(String hex) {
    if (hex.length() != 8) {
      throw new IllegalArgumentException(
          "key ID must be 8 lowercase hex digits, got " + hex.length() + " characters");
    }
    for (int i = 0; i < 8; i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new IllegalArgumentException(
            "key ID must be 8 lowercase hex digits, character " + (i + 1) + " is not");
      }
    }
    return new KeyId((int) Long.parseLong(hex, 16));
  }

  /**
   * Returns the four big-endian bytes.
   *
   * @return a new array
   */
  public byte[] toBytes() {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  /**
   * Returns the unsigned value.
   *
   * @return 0 to 2^32 - 1
   */
  public long unsigned() {
    return Integer.toUnsignedLong(value);
  }

  /** Returns the 8 lowercase hex digits. */
  @Override
  public String toString() {
    return HEX.toHexDigits(value);
  }
}
