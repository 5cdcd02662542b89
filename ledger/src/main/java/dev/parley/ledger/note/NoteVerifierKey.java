package dev.parley.ledger.note;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A signed-note verifier key: a key name, its key ID and an Ed25519 public key.
 *
 * <p>Text form (C2SP signed-note, "Verifier keys"): {@code <key name>+hex(32-bit key ID)+base64(
 * signature type || public key)}, for example {@code
 * PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}. "The key name and ID MUST
 * match those used in the signatures", so {@link #parse} recomputes the key ID from the name and
 * key and rejects a vkey whose ID differs.
 *
 * <p>Parsing is strict where Go's {@code note.NewVerifier} is lenient: the key ID must be lowercase
 * hex ("fixed length lowercase Base 16"), the base64 must be canonical, and the public key must
 * pass Bouncy Castle's full Ed25519 point validation (a canonical encoding of a curve point that is
 * not of small order), so that a malformed key is refused when it is configured rather than when a
 * signature first fails.
 *
 * <p>Instances are immutable; {@link #equals} compares name, ID, type and key.
 */
public final class NoteVerifierKey {
  private final String name;
  private final KeyId keyId;
  private final SignatureType type;
  private final byte[] publicKey;

  private NoteVerifierKey(String name, KeyId keyId, SignatureType type, byte[] publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.type = type;
    this.publicKey = publicKey;
  }

  /**
   * Makes the verifier key for an Ed25519 public key.
   *
   * @param name a valid key name
   * @param publicKey the 32-byte RFC 8032 encoding
   * @return the key, with its computed key ID
   * @throws IllegalArgumentException if the name or the key is invalid
   */
  public static NoteVerifierKey ofEd25519(String name, byte[] publicKey) {
    KeyNames.requireValid("key name", name);
    byte[] key = publicKey.clone();
    checkEd25519(key, "public key");
    return new NoteVerifierKey(
        name, KeyId.compute(name, SignatureType.ED25519, key), SignatureType.ED25519, key);
  }

  /**
   * Parses a vkey.
   *
   * @param vkey the text, without surrounding whitespace or newline
   * @return the key
   * @throws IllegalArgumentException naming the part that is wrong: the name, the key ID, the
   *     base64 key data, the signature type, the key length, the point, or an ID that does not
   *     match the key
   */
  public static NoteVerifierKey parse(String vkey) {
    int plus1 = vkey.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : vkey.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw new IllegalArgumentException(
          "vkey: expected <key name>+<key ID>+<base64 key>, found "
              + (plus1 < 0 ? "no '+'" : "only one '+'"));
    }
    String name = KeyNames.requireValid("vkey: key name", vkey.substring(0, plus1));
    KeyId id;
    try {
      id = KeyId.parseHex(vkey.substring(plus1 + 1, plus2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("vkey: " + e.getMessage(), e);
    }
    byte[] data;
    try {
      data = Base64Codec.decodeCanonical(vkey.substring(plus2 + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("vkey: key data " + e.getMessage(), e);
    }
    if (data.length == 0) {
      throw new IllegalArgumentException("vkey: key data is empty");
    }
    SignatureType type =
        SignatureType.of(data[0])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "vkey: unsupported signature type 0x"
                            + HexFormat.of().toHexDigits(data[0])
                            + " (Parley supports 0x01, Ed25519)"));
    byte[] key = Arrays.copyOfRange(data, 1, data.length);
    if (key.length != type.publicKeyLength()) {
      throw new IllegalArgumentException(
          "vkey: an Ed25519 key is 1 + "
              + type.publicKeyLength()
              + " bytes, got 1 + "
              + key.length);
    }
    checkEd25519(key, "vkey: public key");
    KeyId computed = KeyId.compute(name, type, key);
    if (!computed.equals(id)) {
      throw new IllegalArgumentException(
          "vkey: key ID "
              + id
              + " does not match the name and key (they hash to "
              + computed
              + ")");
    }
    return new NoteVerifierKey(name, id, type, key);
  }

  private static void checkEd25519(byte[] key, String what) {
    if (key.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException(what + ": must be 32 bytes, got " + key.length);
    }
    if (!Ed25519.validatePublicKeyFull(key, 0)) {
      throw new IllegalArgumentException(
          what
              + ": not a valid Ed25519 public key (non-canonical, not on the curve, or of small order)");
    }
  }

  /**
   * Returns the key name.
   *
   * @return the name signatures by this key carry
   */
  public String name() {
    return name;
  }

  /**
   * Returns the key ID.
   *
   * @return the ID signatures by this key carry
   */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * Returns the signature type.
   *
   * @return always {@link SignatureType#ED25519}
   */
  public SignatureType type() {
    return type;
  }

  /**
   * Returns the public key.
   *
   * @return a copy of the 32-byte encoding
   */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Verifies a raw Ed25519 signature (RFC 8032, as Bouncy Castle implements it: S must be below the
   * group order; cofactorless equation).
   *
   * @param message the signed bytes (for a note, its text including the final newline)
   * @param signature the signature, without the key ID prefix
   * @return true if the signature is valid for this key
   */
  public boolean verify(byte[] message, byte[] signature) {
    return signature.length == Ed25519.SIGNATURE_SIZE
        && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /**
   * Returns the vkey text.
   *
   * @return {@code <name>+<key ID>+<base64(0x01 || public key)>}
   */
  public String format() {
    byte[] data = new byte[1 + publicKey.length];
    data[0] = type.id();
    System.arraycopy(publicKey, 0, data, 1, publicKey.length);
    return name + "+" + keyId + "+" + Base64Codec.encode(data);
  }

  /**
   * Returns the short form used in messages.
   *
   * @return {@code <name>+<key ID>}
   */
  public String describe() {
    return name + "+" + keyId;
  }

  /** Returns the vkey text (public). */
  @Override
  public String toString() {
    return format();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifierKey k
        && name.equals(k.name)
        && keyId.equals(k.keyId)
        && type == k.type
        && Arrays.equals(publicKey, k.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyId, type, Arrays.hashCode(publicKey));
  }
}
