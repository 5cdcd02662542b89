package dev.parley.ledger.note;

import java.util.Optional;

/**
 * A signed-note signature type: the identifier byte that prefixes the public key in a vkey and in
 * the key ID hash.
 *
 * <p>C2SP signed-note, "Signature types": "implementations SHOULD select only the one(s) required
 * for their design". Parley signs and verifies Ed25519 only; signatures of other types, from keys
 * the verifier does not know, are ignored as the spec requires.
 */
public enum SignatureType {
  /** {@code 0x01}: "Ed25519 signatures as specified by this document" (RFC 8032, pure Ed25519). */
  ED25519((byte) 0x01, 32, 64);

  private final byte id;
  private final int publicKeyLength;
  private final int signatureLength;

  SignatureType(byte id, int publicKeyLength, int signatureLength) {
    this.id = id;
    this.publicKeyLength = publicKeyLength;
    this.signatureLength = signatureLength;
  }

  /**
   * Returns the identifier byte.
   *
   * @return the byte that precedes the public key in a vkey
   */
  public byte id() {
    return id;
  }

  /**
   * Returns the length of a public key of this type.
   *
   * @return bytes
   */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  /**
   * Returns the length of a signature of this type (without the 4-byte key ID).
   *
   * @return bytes
   */
  public int signatureLength() {
    return signatureLength;
  }

  /**
   * Finds the type with an identifier byte.
   *
   * @param id the identifier byte
   * @return the type, or empty if Parley does not support it
   */
  public static Optional<SignatureType> of(byte id) {
    for (SignatureType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
