package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.Scalar;
import java.util.Arrays;
import java.util.Objects;

/**
 * A DLEQ proof [c, s] (RFC 9497 §2.2), serialized as the two scalars concatenated; immutable.
 *
 * @param c the challenge
 * @param s the response
 */
public record DleqProof(Scalar c, Scalar s) {
  /** Length of the serialized proof: two scalars. */
  public static final int ENCODED_LENGTH = 2 * Scalar.ENCODED_LENGTH;

  /** Checks that both scalars are present. */
  public DleqProof {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(s, "s");
  }

  /**
   * Deserializes c || s.
   *
   * @param bytes 64 bytes
   * @return the proof
   * @throws OprfException DESERIALIZE_ERROR for a wrong length or a non-canonical scalar
   */
  public static DleqProof fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != ENCODED_LENGTH) {
      throw new OprfException(
          OprfException.Kind.DESERIALIZE_ERROR,
          "proof must be "
              + ENCODED_LENGTH
              + " bytes, got "
              + (bytes == null ? "null" : bytes.length));
    }
    return new DleqProof(
        OprfSuite.deserializeScalar(Arrays.copyOfRange(bytes, 0, 32), "proof[0] (c)"),
        OprfSuite.deserializeScalar(Arrays.copyOfRange(bytes, 32, 64), "proof[1] (s)"));
  }

  /**
   * Serializes c || s.
   *
   * @return 64 fresh bytes
   */
  public byte[] toBytes() {
    byte[] out = Arrays.copyOf(c.toBytes(), ENCODED_LENGTH);
    System.arraycopy(s.toBytes(), 0, out, Scalar.ENCODED_LENGTH, Scalar.ENCODED_LENGTH);
    return out;
  }
}
