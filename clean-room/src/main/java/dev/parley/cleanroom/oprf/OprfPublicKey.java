package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import java.util.HexFormat;
import java.util.Objects;

/** A server public key pkS = skS * G (RFC 9497 §3.2); immutable, never the identity. */
public final class OprfPublicKey {
  private final RistrettoElement element;

  OprfPublicKey(RistrettoElement element) {
    OprfSuite.requireNotIdentity(element, "public key");
    this.element = element;
  }

  /**
   * Deserializes a public key with DeserializeElement (rejects invalid encodings and the identity).
   *
   * @param bytes the 32-byte encoding
   * @return the key
   * @throws OprfException DESERIALIZE_ERROR or INPUT_VALIDATION_ERROR
   */
  public static OprfPublicKey fromBytes(byte[] bytes) {
    return new OprfPublicKey(OprfSuite.deserializeElement(bytes, "public key"));
  }

  /**
   * Returns the 32-byte encoding (SerializeElement).
   *
   * @return a fresh array
   */
  public byte[] toBytes() {
    return element.encode();
  }

  /**
   * Returns the key as a group element.
   *
   * @return pkS
   */
  public RistrettoElement element() {
    return element;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OprfPublicKey other && element.equals(other.element);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(element);
  }

  /** Returns the hex encoding: a public key is public. */
  @Override
  public String toString() {
    return "OprfPublicKey[" + HexFormat.of().formatHex(toBytes()) + "]";
  }
}
