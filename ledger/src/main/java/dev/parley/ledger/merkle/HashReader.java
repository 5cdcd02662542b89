package dev.parley.ledger.merkle;

/**
 * A source of stored Merkle tree hashes of complete subtrees.
 *
 * <p>{@code hash(level, index)} is the RFC 9162 Merkle Tree Hash of the complete subtree of {@code
 * 2^level} leaves starting at leaf {@code index * 2^level}, that is {@code MTH(D[index * 2^level :
 * (index + 1) * 2^level])}; level 0 holds the leaf hashes. These are exactly the hashes a C2SP
 * tlog-tiles log stores (every level) or can recompute inside one tile.
 *
 * <p>Contract: callers in this package ask only for complete subtrees of the tree they work on,
 * that is {@code (index + 1) * 2^level <= size}, and never for a hash that a later append could
 * change. Implementations may therefore serve hashes from immutable storage without knowing the
 * tree size. An implementation that cannot supply a hash throws an unchecked exception (for example
 * {@link java.io.UncheckedIOException}); the proof methods let it propagate.
 */
@FunctionalInterface
public interface HashReader {
  /**
   * Returns the hash of the complete subtree at {@code level} and {@code index}.
   *
   * @param level the subtree height, 0 for leaf hashes (0-62)
   * @param index the subtree position within its level, from 0
   * @return the 32-byte hash; the caller does not modify it
   */
  byte[] hash(int level, long index);
}
