package dev.parley.ledger.note;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a note: {@code — <key name> base64(key ID || signature)}.
 *
 * @param keyName the key name on the line
 * @param keyId the first four bytes of the decoded signature
 * @param signature the remaining bytes (64 for Ed25519)
 */
// The array is copied in and out, and equals/hashCode/toString compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record NoteSignature(String keyName, KeyId keyId, byte[] signature) {
  /** The em dash (U+2014) and space that start every signature line. */
  public static final String LINE_PREFIX = "\u2014 ";

  /** Validates the name and copies the signature. */
  public NoteSignature {
    KeyNames.requireValid("signature: key name", keyName);
    Objects.requireNonNull(keyId, "keyId");
    if (signature.length == 0) {
      throw new IllegalArgumentException("signature: must not be empty");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Returns the signature line.
   *
   * @return {@code — <name> <base64(key ID || signature)>} and a newline
   */
  public String line() {
    byte[] raw = new byte[4 + signature.length];
    System.arraycopy(keyId.toBytes(), 0, raw, 0, 4);
    System.arraycopy(signature, 0, raw, 4, signature.length);
    return LINE_PREFIX + keyName + " " + Base64Codec.encode(raw) + "\n";
  }

  /**
   * Returns the key in the form used in messages.
   *
   * @return {@code <name>+<key ID>}
   */
  public String describeKey() {
    return keyName + "+" + keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s
        && keyName.equals(s.keyName)
        && keyId.equals(s.keyId)
        && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
