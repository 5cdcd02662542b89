package dev.parley.ledger.merkle;

import dev.parley.ledger.merkle.InvalidProofException.Reason;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 9162 proof verification algorithms (§2.1.3.2 inclusion, §2.1.4.2 consistency), with the
 * RFC's steps quoted next to the code.
 *
 * <p>Both algorithms consume one proof hash per iteration and fail if hashes remain when {@code sn}
 * reaches 0 or if {@code sn} is not 0 at the end. Their {@code fn}/{@code sn} bookkeeping does not
 * depend on hash values, so the exact proof length is computed first by running the bookkeeping
 * alone; a proof of another length is rejected with both numbers, and the hashing loop then never
 * meets either failure.
 */
final class ProofVerification {
  private ProofVerification() {}

  static void checkIndex(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "index: must be in [0, " + size + ") for a tree of size " + size + ", got " + index);
    }
  }

  static void checkSizes(long oldSize, long newSize) {
    if (oldSize < 1 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "oldSize: must be in [1, newSize] = [1, " + newSize + "], got " + oldSize);
    }
  }

  static int inclusionLength(long index, long size) {
    return iterations(index, size - 1);
  }

  static int consistencyLength(long oldSize, long newSize) {
    if (oldSize == newSize) {
      return 0;
    }
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // The walked path is 1 + iterations long; for a power of two its first element is the old root.
    return iterations(fn, sn) + (Long.bitCount(oldSize) == 1 ? 0 : 1);
  }

  static void inclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root)
      throws InvalidProofException {
    // 1. "If leaf_index is greater than or equal to tree_size, then fail the proof verification."
    if (index < 0 || index >= size) {
      throw new InvalidProofException(
          Reason.INDEX_OUT_OF_RANGE,
          "index: " + index + " is not in [0, " + size + ") for a tree of size " + size);
    }
    checkHash(leafHash, "leafHash");
    checkHash(root, "root");
    checkHashes(proof);
    checkLength(
        proof, inclusionLength(index, size), "index " + index + " in a tree of size " + size);
    // 2. "Set fn to leaf_index and sn to tree_size - 1."  3. "Set r to hash."
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    // 4. "For each value p in the inclusion_path array:"
    for (byte[] p : proof) {
      if ((fn & 1) == 1 || fn == sn) {
        // "Set r to HASH(0x01 || p || r)." "If LSB(fn) is not set, then right-shift both fn and sn
        // equally until either LSB(fn) is set or fn is 0."
        r = MerkleHash.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        // "Otherwise: Set r to HASH(0x01 || r || p)."
        r = MerkleHash.nodeHash(r, p);
      }
      // "Finally, right-shift both fn and sn one time."
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. "If sn is equal to 0 and r and the root_hash are equal, then the log has proven the
    // inclusion of hash." (sn is 0: the length check guarantees it.)
    if (!MessageDigest.isEqual(r, root)) {
      throw mismatch(Reason.ROOT_MISMATCH, "root", r, root);
    }
  }

  static void consistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof)
      throws InvalidProofException {
    if (oldSize < 0 || oldSize > newSize) {
      throw new InvalidProofException(
          Reason.SIZE_OUT_OF_RANGE,
          "oldSize: must be in [1, newSize] = [1, " + newSize + "], got " + oldSize);
    }
    if (oldSize == 0) {
      throw new InvalidProofException(
          Reason.EMPTY_OLD_TREE,
          "oldSize: 0; RFC 9162 defines consistency proofs only from a non-empty tree");
    }
    checkHash(oldRoot, "oldRoot");
    checkHash(newRoot, "newRoot");
    checkHashes(proof);
    // 1. "If consistency_path is an empty array, stop and fail the proof verification." (Covered:
    // the exact length is at least 1 whenever the sizes differ.)
    checkLength(proof, consistencyLength(oldSize, newSize), "sizes " + oldSize + " -> " + newSize);
    if (oldSize == newSize) {
      if (!MessageDigest.isEqual(oldRoot, newRoot)) {
        throw mismatch(Reason.NEW_ROOT_MISMATCH, "newRoot (equal sizes)", oldRoot, newRoot);
      }
      return;
    }
    // 2. "If first is an exact power of 2, then prepend first_hash to the consistency_path array."
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(oldSize) == 1) {
      path.add(oldRoot);
    }
    path.addAll(proof);
    // 3. "Set fn to first - 1 and sn to second - 1."
    long fn = oldSize - 1;
    long sn = newSize - 1;
    // 4. "If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set."
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. "Set both fr and sr to the first value in the consistency_path array."
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // 6. "For each subsequent value c in the consistency_path array:"
    for (byte[] c : path.subList(1, path.size())) {
      if ((fn & 1) == 1 || fn == sn) {
        // "Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr)." "If LSB(fn) is not
        // set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0."
        fr = MerkleHash.nodeHash(c, fr);
        sr = MerkleHash.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        // "Otherwise: Set sr to HASH(0x01 || sr || c)."
        sr = MerkleHash.nodeHash(sr, c);
      }
      // "Finally, right-shift both fn and sn one time."
      fn >>>= 1;
      sn >>>= 1;
    }
    // 7. "verify that the fr calculated is equal to the first_hash supplied, that the sr calculated
    // is equal to the second_hash supplied, and that sn is 0." (sn is 0 by the length check.)
    if (!MessageDigest.isEqual(fr, oldRoot)) {
      throw mismatch(Reason.ROOT_MISMATCH, "oldRoot", fr, oldRoot);
    }
    if (!MessageDigest.isEqual(sr, newRoot)) {
      throw mismatch(Reason.NEW_ROOT_MISMATCH, "newRoot", sr, newRoot);
    }
  }

  /** The number of verification iterations (one proof hash each) until {@code sn} reaches 0. */
  private static int iterations(long fn, long sn) {
    int count = 0;
    while (sn != 0) {
      if ((fn & 1) == 0 && fn == sn) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
      fn >>>= 1;
      sn >>>= 1;
      count++;
    }
    return count;
  }

  private static void checkHash(byte[] hash, String what) throws InvalidProofException {
    if (hash == null || hash.length != MerkleHash.HASH_SIZE) {
      throw new InvalidProofException(
          Reason.MALFORMED_HASH,
          what
              + ": must be "
              + MerkleHash.HASH_SIZE
              + " bytes, got "
              + (hash == null ? "null" : hash.length));
    }
  }

  private static void checkHashes(List<byte[]> proof) throws InvalidProofException {
    for (int i = 0; i < proof.size(); i++) {
      checkHash(proof.get(i), "proof[" + i + "]");
    }
  }

  private static void checkLength(List<byte[]> proof, int expected, String what)
      throws InvalidProofException {
    if (proof.size() != expected) {
      throw new InvalidProofException(
          Reason.WRONG_PROOF_LENGTH,
          "proof: has "
              + proof.size()
              + " hashes; RFC 9162 needs exactly "
              + expected
              + " for "
              + what);
    }
  }

  private static InvalidProofException mismatch(
      Reason reason, String what, byte[] computed, byte[] expected) {
    HexFormat hex = HexFormat.of();
    return new InvalidProofException(
        reason,
        what
            + ": the proof leads to "
            + hex.formatHex(computed)
            + ", expected "
            + hex.formatHex(expected));
  }
}
