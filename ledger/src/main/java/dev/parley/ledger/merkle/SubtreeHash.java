package dev.parley.ledger.merkle;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hash of one complete subtree: {@code MTH(D[index * 2^level : (index + 1) * 2^level])}, as
 * {@link HashReader#hash(int, long)} names it.
 *
 * @param level the subtree height, 0 for a leaf hash
 * @param index the subtree position within its level
 * @param hash the 32-byte Merkle tree hash (copied in and out)
 */
// The array is copied in the constructor and accessor, and equals/hashCode/toString use its
// content.
@SuppressWarnings("ArrayRecordComponent")
public record SubtreeHash(int level, long index, byte[] hash) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code level} is not 0-62, {@code index} is negative or the
   *     hash is not 32 bytes
   */
  public SubtreeHash {
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("level: must be 0-62, got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("index: must be non-negative, got " + index);
    }
    if (hash.length != MerkleHash.HASH_SIZE) {
      throw new IllegalArgumentException(
          "hash: must be " + MerkleHash.HASH_SIZE + " bytes, got " + hash.length);
    }
    hash = hash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /**
   * Returns the first leaf index the subtree covers, {@code index * 2^level}.
   *
   * @return the first leaf index
   * @throws ArithmeticException if it exceeds {@code Long.MAX_VALUE}
   */
  public long firstLeaf() {
    return Math.multiplyExact(index, 1L << level);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubtreeHash s
        && level == s.level
        && index == s.index
        && Arrays.equals(hash, s.hash);
  }

  @Override
  public int hashCode() {
    return (31 * level + Long.hashCode(index)) * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "SubtreeHash[level="
        + level
        + ", index="
        + index
        + ", hash="
        + HexFormat.of().formatHex(hash)
        + "]";
  }
}
