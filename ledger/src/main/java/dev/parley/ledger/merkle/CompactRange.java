package dev.parley.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree that keeps only the right border: the roots of the perfect
 * subtrees that together cover leaves {@code [0, size)}, at most one per level, O(log n) hashes.
 *
 * <p>The border subtrees are the binary digits of {@code size}: bit {@code l} set means a complete
 * subtree of {@code 2^l} leaves, and they lie left to right from the highest bit down. Appending a
 * leaf is a binary increment: the new leaf merges with the border subtree of each trailing set bit,
 * every merge completing one interior node. The root folds the border right to left, which is RFC
 * 9162 §2.1.1's split at "the largest power of two smaller than n" applied recursively.
 *
 * <p>Not thread-safe; the single writer (the sequencer) owns it.
 */
public final class CompactRange {
  /** Receives each subtree hash that an append makes complete. */
  @FunctionalInterface
  public interface NodeSink {
    /**
     * Called once per newly complete subtree, lowest level first: the appended leaf itself at level
     * 0, then each interior node it completes.
     *
     * @param level the subtree height
     * @param index the subtree position within its level
     * @param hash the 32-byte hash (a copy the sink may keep)
     */
    void completed(int level, long index, byte[] hash);
  }

  private static final NodeSink IGNORE = (level, index, hash) -> {};

  /** {@code border[l]} is the root of the complete level-l border subtree, or null. */
  private final byte[][] border = new byte[63][];

  private long size;

  /** Creates an empty tree. */
  public CompactRange() {}

  /**
   * Rebuilds the border of a tree of {@code size} leaves from stored hashes, for example when a log
   * is reopened.
   *
   * @param size the tree size
   * @param reader supplies the complete subtree hashes (one per set bit of {@code size})
   * @return a range that continues that tree
   * @throws IllegalArgumentException if {@code size} is negative or a stored hash is not 32 bytes
   */
  public static CompactRange restore(long size, HashReader reader) {
    if (size < 0) {
      throw new IllegalArgumentException("size: must be non-negative, got " + size);
    }
    CompactRange range = new CompactRange();
    for (int level = 62; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        byte[] hash = reader.hash(level, (size >>> level) - 1);
        range.border[level] =
            checkHash(hash, "stored hash (" + level + ", " + ((size >>> level) - 1) + ")");
      }
    }
    range.size = size;
    return range;
  }

  /**
   * Returns the number of leaves.
   *
   * @return the tree size
   */
  public long size() {
    return size;
  }

  /**
   * Appends one leaf hash.
   *
   * @param leafHash the RFC 9162 leaf hash (32 bytes, copied)
   * @throws IllegalArgumentException if {@code leafHash} is not 32 bytes
   * @throws IllegalStateException if the tree already holds {@code Long.MAX_VALUE} leaves
   */
  public void append(byte[] leafHash) {
    append(leafHash, IGNORE);
  }

  /**
   * Appends one leaf hash and reports every subtree that becomes complete, so that a store can
   * write tiles incrementally.
   *
   * @param leafHash the RFC 9162 leaf hash (32 bytes, copied)
   * @param sink receives the leaf at level 0 and each completed interior node, lowest level first
   * @throws IllegalArgumentException if {@code leafHash} is not 32 bytes
   * @throws IllegalStateException if the tree already holds {@code Long.MAX_VALUE} leaves
   */
  public void append(byte[] leafHash, NodeSink sink) {
    byte[] carry = checkHash(leafHash, "leafHash").clone();
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full: " + Long.MAX_VALUE + " leaves");
    }
    long newSize = size + 1;
    sink.completed(0, size, carry.clone());
    int level = 0;
    while ((size & (1L << level)) != 0) {
      carry = MerkleHash.nodeHash(border[level], carry);
      border[level] = null;
      level++;
      sink.completed(level, (newSize >>> level) - 1, carry.clone());
    }
    border[level] = carry;
    size = newSize;
  }

  /**
   * Returns the RFC 9162 root hash of the whole tree.
   *
   * @return 32 bytes; {@code SHA-256("")} for the empty tree
   */
  public byte[] root() {
    byte[] acc = null;
    for (int level = 0; level < border.length; level++) {
      if (border[level] != null) {
        acc = acc == null ? border[level].clone() : MerkleHash.nodeHash(border[level], acc);
      }
    }
    return acc == null ? MerkleHash.emptyRoot() : acc;
  }

  /**
   * Returns the border subtrees, left to right (highest level first).
   *
   * @return one entry per set bit of {@link #size()}
   */
  public List<SubtreeHash> border() {
    List<SubtreeHash> out = new ArrayList<>();
    for (int level = border.length - 1; level >= 0; level--) {
      if (border[level] != null) {
        out.add(new SubtreeHash(level, (size >>> level) - 1, border[level]));
      }
    }
    return out;
  }

  private static byte[] checkHash(byte[] hash, String what) {
    if (hash.length != MerkleHash.HASH_SIZE) {
      throw new IllegalArgumentException(
          what + ": must be " + MerkleHash.HASH_SIZE + " bytes, got " + hash.length);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "CompactRange[size=" + size + "]";
  }
}
