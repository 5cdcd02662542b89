package dev.parley.cleanroom.h2c;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;

/**
 * Hashing byte strings to ristretto255 elements and scalars with expand_message_xmd(SHA-512).
 *
 * <p>{@link #hashToGroup} is hash_to_ristretto255 (RFC 9380 Appendix B): "uniform_bytes =
 * expand_message(msg, DST, 64); P = ristretto255_map(uniform_bytes)", the map being RFC 9496
 * §4.3.4. {@link #hashToScalar} is the HashToScalar of RFC 9497 §4.1 for ristretto255-SHA512:
 * "interpret uniform_bytes as a 512-bit integer in little-endian order, and reduce the integer
 * modulo Group.Order()". Both are constant-time in the message apart from SHA-512 itself (which
 * runs in time depending only on the message length).
 */
public final class HashToRistretto255 {
  private static final int UNIFORM_LENGTH = 64;

  private HashToRistretto255() {}

  /**
   * Computes hash_to_ristretto255(msg) with the given DST.
   *
   * @param msg the message
   * @param dst the domain separation tag, 1..255 bytes
   * @return the element; the identity only with negligible probability
   */
  public static RistrettoElement hashToGroup(byte[] msg, byte[] dst) {
    return RistrettoElement.fromUniformBytes(ExpandMessageXmd.expand(msg, dst, UNIFORM_LENGTH));
  }

  /**
   * Computes HashToScalar(msg) with the given DST: 64 expanded bytes reduced modulo l.
   *
   * @param msg the message
   * @param dst the domain separation tag, 1..255 bytes
   * @return the scalar
   */
  public static Scalar hashToScalar(byte[] msg, byte[] dst) {
    return Scalar.fromBytesWide(ExpandMessageXmd.expand(msg, dst, UNIFORM_LENGTH));
  }
}
