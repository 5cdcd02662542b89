package dev.parley.ledger.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RFC 9162 tree heads, inclusion proofs and consistency proofs, computed from stored complete
 * subtree hashes, and their verification.
 *
 * <p>Generation follows the recursive definitions of RFC 9162 §2.1.3.1 ({@code PATH}) and §2.1.4.1
 * ({@code SUBPROOF}) top-down, without recursion: each step splits the current range at "the
 * largest power of two smaller than n" and records the sibling range's hash; the list is then
 * reversed, because the RFC lists the sibling nearest the leaf first. Every range met this way is a
 * node of the tree, so its start is a multiple of its size rounded up to a power of two, and its
 * hash folds the complete subtrees named by the binary digits of its size, read through the {@link
 * HashReader} (which is therefore asked only for complete subtrees).
 *
 * <p>Verification is the algorithm of §2.1.3.2 and §2.1.4.2 step by step (see {@link
 * ProofVerification}). Consistency from the empty tree is rejected, as in the published
 * transparency-dev vectors: the RFC defines consistency proofs only for {@code 0 < first}, and
 * every tree trivially extends the empty one, so callers need no proof for that case.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Returns the RFC 9162 root hash {@code MTH(D[0:size])}.
   *
   * @param size the tree size
   * @param reader supplies complete subtree hashes of that tree
   * @return 32 bytes; {@code SHA-256("")} for size 0 (nothing is read)
   * @throws IllegalArgumentException if {@code size} is negative
   * @throws IllegalStateException if the reader returns a hash that is not 32 bytes
   */
  public static byte[] root(long size, HashReader reader) {
    if (size < 0) {
      throw new IllegalArgumentException("size: must be non-negative, got " + size);
    }
    return size == 0 ? MerkleHash.emptyRoot() : rangeRoot(0, size, reader);
  }

  /**
   * Returns the inclusion proof {@code PATH(index, D[0:size])} of RFC 9162 §2.1.3.1.
   *
   * @param index the leaf index
   * @param size the tree size
   * @param reader supplies complete subtree hashes of that tree
   * @return the audit path, the sibling nearest the leaf first (empty for a one-leaf tree)
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, size)}
   * @throws IllegalStateException if the reader returns a hash that is not 32 bytes
   */
  public static List<byte[]> inclusion(long index, long size, HashReader reader) {
    ProofVerification.checkIndex(index, size);
    // "PATH(m, D_n) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k; and
    //  PATH(m, D_n) = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k"
    List<byte[]> path = new ArrayList<>();
    long lo = 0;
    long hi = size;
    while (hi - lo > 1) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (index < lo + k) {
        path.add(rangeRoot(lo + k, hi, reader));
        hi = lo + k;
      } else {
        path.add(rangeRoot(lo, lo + k, reader));
        lo += k;
      }
    }
    Collections.reverse(path);
    return path;
  }

  /**
   * Returns the consistency proof {@code PROOF(oldSize, D[0:newSize])} of RFC 9162 §2.1.4.1.
   *
   * @param oldSize the earlier tree size, at least 1
   * @param newSize the later tree size
   * @param reader supplies complete subtree hashes of the later tree
   * @return the proof, deepest node first; empty when the sizes are equal
   * @throws IllegalArgumentException unless {@code 1 <= oldSize <= newSize}
   * @throws IllegalStateException if the reader returns a hash that is not 32 bytes
   */
  public static List<byte[]> consistency(long oldSize, long newSize, HashReader reader) {
    ProofVerification.checkSizes(oldSize, newSize);
    // "SUBPROOF(m, D_m, true) = {}"; "SUBPROOF(m, D_m, false) = {MTH(D_m)}";
    // "If m <= k: SUBPROOF(m, D_n, b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])";
    // "If m > k: SUBPROOF(m, D_n, b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])"
    List<byte[]> proof = new ArrayList<>();
    long lo = 0;
    long hi = newSize;
    boolean b = true;
    while (oldSize != hi) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (oldSize <= lo + k) {
        proof.add(rangeRoot(lo + k, hi, reader));
        hi = lo + k;
      } else {
        proof.add(rangeRoot(lo, lo + k, reader));
        lo += k;
        b = false;
      }
    }
    if (!b) {
      proof.add(rangeRoot(lo, hi, reader));
    }
    Collections.reverse(proof);
    return proof;
  }

  /**
   * Returns how many hashes the inclusion proof of {@code index} in a tree of {@code size} has.
   *
   * @param index the leaf index
   * @param size the tree size
   * @return the proof length (0-63)
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, size)}
   */
  public static int inclusionProofLength(long index, long size) {
    ProofVerification.checkIndex(index, size);
    return ProofVerification.inclusionLength(index, size);
  }

  /**
   * Returns how many hashes the consistency proof between two tree sizes has.
   *
   * @param oldSize the earlier tree size, at least 1
   * @param newSize the later tree size
   * @return the proof length; 0 when the sizes are equal
   * @throws IllegalArgumentException unless {@code 1 <= oldSize <= newSize}
   */
  public static int consistencyProofLength(long oldSize, long newSize) {
    ProofVerification.checkSizes(oldSize, newSize);
    return ProofVerification.consistencyLength(oldSize, newSize);
  }

  /**
   * Returns whether an inclusion proof verifies (RFC 9162 §2.1.3.2).
   *
   * @param leafHash the leaf hash
   * @param index the leaf index
   * @param size the tree size
   * @param proof the audit path, the sibling nearest the leaf first
   * @param root the expected root hash of the tree of {@code size}
   * @return true only if the proof is well formed and leads to {@code root}
   */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
    try {
      checkInclusion(leafHash, index, size, proof, root);
      return true;
    } catch (InvalidProofException e) {
      return false;
    }
  }

  /**
   * Verifies an inclusion proof (RFC 9162 §2.1.3.2) or says precisely why it fails.
   *
   * @param leafHash the leaf hash
   * @param index the leaf index
   * @param size the tree size
   * @param proof the audit path, the sibling nearest the leaf first
   * @param root the expected root hash of the tree of {@code size}
   * @throws InvalidProofException if the proof does not verify
   */
  public static void checkInclusion(
      byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root)
      throws InvalidProofException {
    ProofVerification.inclusion(leafHash, index, size, proof, root);
  }

  /**
   * Returns whether a consistency proof verifies (RFC 9162 §2.1.4.2).
   *
   * @param oldSize the earlier tree size
   * @param newSize the later tree size
   * @param oldRoot the root hash of the earlier tree
   * @param newRoot the root hash of the later tree
   * @param proof the consistency proof
   * @return true only if {@code 1 <= oldSize <= newSize} and the proof links the two roots
   */
  public static boolean verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    try {
      checkConsistency(oldSize, newSize, oldRoot, newRoot, proof);
      return true;
    } catch (InvalidProofException e) {
      return false;
    }
  }

  /**
   * Verifies a consistency proof (RFC 9162 §2.1.4.2) or says precisely why it fails. Equal sizes
   * need an empty proof and equal roots.
   *
   * @param oldSize the earlier tree size, at least 1
   * @param newSize the later tree size
   * @param oldRoot the root hash of the earlier tree
   * @param newRoot the root hash of the later tree
   * @param proof the consistency proof
   * @throws InvalidProofException if the proof does not verify
   */
  public static void checkConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof)
      throws InvalidProofException {
    ProofVerification.consistency(oldSize, newSize, oldRoot, newRoot, proof);
  }

  /** MTH(D[lo:hi]) of a tree node: lo is a multiple of hi - lo rounded up to a power of two. */
  private static byte[] rangeRoot(long lo, long hi, HashReader reader) {
    long n = hi - lo;
    byte[][] parts = new byte[Long.bitCount(n)][];
    int count = 0;
    long pos = lo;
    for (int level = 62; level >= 0; level--) {
      if ((n & (1L << level)) != 0) {
        parts[count++] = read(reader, level, pos >>> level);
        pos += 1L << level;
      }
    }
    byte[] acc = parts[count - 1];
    for (int i = count - 2; i >= 0; i--) {
      acc = MerkleHash.nodeHash(parts[i], acc);
    }
    return acc;
  }

  private static byte[] read(HashReader reader, int level, long index) {
    byte[] hash = reader.hash(level, index);
    if (hash == null || hash.length != MerkleHash.HASH_SIZE) {
      throw new IllegalStateException(
          "stored hash (level "
              + level
              + ", index "
              + index
              + "): must be "
              + MerkleHash.HASH_SIZE
              + " bytes, got "
              + (hash == null ? "null" : hash.length));
    }
    return hash;
  }
}
