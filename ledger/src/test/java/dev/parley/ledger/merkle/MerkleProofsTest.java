package dev.parley.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.merkle.InvalidProofException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Argument validation and the precise failure reasons of {@link MerkleProofs}. */
class MerkleProofsTest {
  private static final byte[] A = NaiveMerkle.leaf(new byte[] {1});
  private static final byte[] B = NaiveMerkle.leaf(new byte[] {2});

  /**
   * A tree of {@code size} copies of leaf A: every complete subtree at one level has the same hash,
   * so even a tree of 2^63 - 1 leaves is cheap and self-consistent.
   */
  private static HashReader uniform(long size) {
    byte[][] byLevel = new byte[63][];
    byLevel[0] = A;
    for (int l = 1; l < 63; l++) {
      byLevel[l] = NaiveMerkle.node(byLevel[l - 1], byLevel[l - 1]);
    }
    return (level, index) -> {
      assertTrue(index >= 0 && index < (size >>> level), "complete subtree " + level + "/" + index);
      return byLevel[level];
    };
  }

  private static HashReader tree(List<byte[]> leaves) {
    NaiveMerkle naive = new NaiveMerkle(leaves);
    return (level, index) -> naive.mth((int) index << level, (int) (index + 1) << level);
  }

  private static void assertIae(String message, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  private static InvalidProofException assertInvalid(
      Reason reason, String message, Executable call) {
    InvalidProofException e = assertThrows(InvalidProofException.class, call);
    assertEquals(reason, e.reason());
    assertEquals(message, e.getMessage());
    return e;
  }

  @Test
  void generation_outOfRangeArguments_rejectedWithPreciseMessages() {
    HashReader r = uniform(5);
    assertIae(
        "index: must be in [0, 5) for a tree of size 5, got 5",
        () -> MerkleProofs.inclusion(5, 5, r));
    assertIae(
        "index: must be in [0, 5) for a tree of size 5, got -1",
        () -> MerkleProofs.inclusion(-1, 5, r));
    assertIae(
        "index: must be in [0, 0) for a tree of size 0, got 0",
        () -> MerkleProofs.inclusion(0, 0, r));
    assertIae(
        "oldSize: must be in [1, newSize] = [1, 5], got 0",
        () -> MerkleProofs.consistency(0, 5, r));
    assertIae(
        "oldSize: must be in [1, newSize] = [1, 5], got 6",
        () -> MerkleProofs.consistency(6, 5, r));
    assertIae("size: must be non-negative, got -1", () -> MerkleProofs.root(-1, r));
    assertIae(
        "index: must be in [0, 3) for a tree of size 3, got 3",
        () -> MerkleProofs.inclusionProofLength(3, 3));
    assertIae(
        "oldSize: must be in [1, newSize] = [1, 3], got 4",
        () -> MerkleProofs.consistencyProofLength(4, 3));
  }

  @Test
  void generation_readerReturnsShortHash_rejected() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> MerkleProofs.root(1, (l, i) -> new byte[31]));
    assertEquals("stored hash (level 0, index 0): must be 32 bytes, got 31", e.getMessage());
  }

  @Test
  void proofs_largestTree_noOverflow() {
    long size = Long.MAX_VALUE;
    HashReader r = uniform(size);
    byte[] root = MerkleProofs.root(size, r);
    assertEquals(63, MerkleProofs.inclusionProofLength(0, size));
    assertEquals(62, MerkleProofs.inclusionProofLength(size - 1, size));
    for (long index : new long[] {0, 1L << 62, size - 2, size - 1}) {
      List<byte[]> proof = MerkleProofs.inclusion(index, size, r);
      assertTrue(
          MerkleProofs.verifyInclusion(r.hash(0, index), index, size, proof, root),
          "index " + index);
    }
    for (long old : new long[] {1, 1L << 62, size - 1}) {
      List<byte[]> proof = MerkleProofs.consistency(old, size, r);
      byte[] oldRoot = MerkleProofs.root(old, r);
      assertTrue(MerkleProofs.verifyConsistency(old, size, oldRoot, root, proof), "old " + old);
    }
  }

  @Test
  void checkInclusion_eachFault_reportsReasonAndPlace() {
    List<byte[]> leaves = List.of(A, B, A.clone(), B.clone());
    HashReader r = tree(leaves);
    byte[] root = MerkleProofs.root(4, r);
    List<byte[]> proof = MerkleProofs.inclusion(1, 4, r);
    assertInvalid(
        Reason.INDEX_OUT_OF_RANGE,
        "index: 4 is not in [0, 4) for a tree of size 4",
        () -> MerkleProofs.checkInclusion(B, 4, 4, proof, root));
    assertInvalid(
        Reason.MALFORMED_HASH,
        "leafHash: must be 32 bytes, got 9",
        () -> MerkleProofs.checkInclusion(new byte[9], 1, 4, proof, root));
    assertInvalid(
        Reason.MALFORMED_HASH,
        "root: must be 32 bytes, got 0",
        () -> MerkleProofs.checkInclusion(B, 1, 4, proof, new byte[0]));
    List<byte[]> withNull = new ArrayList<>(proof);
    withNull.set(1, null);
    assertInvalid(
        Reason.MALFORMED_HASH,
        "proof[1]: must be 32 bytes, got null",
        () -> MerkleProofs.checkInclusion(B, 1, 4, withNull, root));
    assertInvalid(
        Reason.WRONG_PROOF_LENGTH,
        "proof: has 1 hashes; RFC 9162 needs exactly 2 for index 1 in a tree of size 4",
        () -> MerkleProofs.checkInclusion(B, 1, 4, proof.subList(0, 1), root));
    InvalidProofException e =
        assertInvalid(
            Reason.ROOT_MISMATCH,
            "root: the proof leads to "
                + java.util.HexFormat.of()
                    .formatHex(MerkleProofs.root(4, tree(List.of(A, A, A.clone(), B))))
                + ", expected "
                + java.util.HexFormat.of().formatHex(root),
            () -> MerkleProofs.checkInclusion(A, 1, 4, proof, root));
    assertTrue(e.getMessage().startsWith("root: the proof leads to "));
  }

  @Test
  void checkConsistency_eachFault_reportsReasonAndPlace() throws InvalidProofException {
    List<byte[]> leaves = List.of(A, B, A.clone());
    HashReader r = tree(leaves);
    byte[] r2 = MerkleProofs.root(2, r);
    byte[] r3 = MerkleProofs.root(3, r);
    List<byte[]> proof = MerkleProofs.consistency(2, 3, r);
    MerkleProofs.checkConsistency(2, 3, r2, r3, proof);
    assertInvalid(
        Reason.SIZE_OUT_OF_RANGE,
        "oldSize: must be in [1, newSize] = [1, 2], got 3",
        () -> MerkleProofs.checkConsistency(3, 2, r3, r2, proof));
    assertInvalid(
        Reason.SIZE_OUT_OF_RANGE,
        "oldSize: must be in [1, newSize] = [1, 3], got -1",
        () -> MerkleProofs.checkConsistency(-1, 3, r2, r3, proof));
    assertInvalid(
        Reason.EMPTY_OLD_TREE,
        "oldSize: 0; RFC 9162 defines consistency proofs only from a non-empty tree",
        () -> MerkleProofs.checkConsistency(0, 3, MerkleHash.emptyRoot(), r3, List.of()));
    assertInvalid(
        Reason.MALFORMED_HASH,
        "newRoot: must be 32 bytes, got 33",
        () -> MerkleProofs.checkConsistency(2, 3, r2, new byte[33], proof));
    assertInvalid(
        Reason.WRONG_PROOF_LENGTH,
        "proof: has 1 hashes; RFC 9162 needs exactly 0 for sizes 3 -> 3",
        () -> MerkleProofs.checkConsistency(3, 3, r3, r3, proof.subList(0, 1)));
    assertInvalid(
        Reason.WRONG_PROOF_LENGTH,
        "proof: has 0 hashes; RFC 9162 needs exactly 1 for sizes 2 -> 3",
        () -> MerkleProofs.checkConsistency(2, 3, r2, r3, List.of()));
    InvalidProofException equalSizes =
        assertThrows(
            InvalidProofException.class,
            () -> MerkleProofs.checkConsistency(3, 3, r2, r3, List.of()));
    assertEquals(Reason.NEW_ROOT_MISMATCH, equalSizes.reason());
    // From a power of two the old root is the first path element, so a wrong one shows as a wrong
    // new root; from size 3 the proof carries the old root's pieces and it is checked on its own.
    assertEquals(
        Reason.NEW_ROOT_MISMATCH,
        assertThrows(
                InvalidProofException.class,
                () -> MerkleProofs.checkConsistency(2, 3, r3, r3, proof))
            .reason());
    HashReader four = tree(List.of(A, B, A.clone(), B.clone()));
    byte[] r4 = MerkleProofs.root(4, four);
    List<byte[]> proof34 = MerkleProofs.consistency(3, 4, four);
    assertEquals(
        Reason.ROOT_MISMATCH,
        assertThrows(
                InvalidProofException.class,
                () -> MerkleProofs.checkConsistency(3, 4, r2, r4, proof34))
            .reason());
    assertEquals(
        Reason.NEW_ROOT_MISMATCH,
        assertThrows(
                InvalidProofException.class,
                () -> MerkleProofs.checkConsistency(2, 3, r2, r2, proof))
            .reason());
  }

  @Test
  void consistency_equalSizes_emptyProofVerifies() {
    HashReader r = tree(List.of(A, B));
    byte[] root = MerkleProofs.root(2, r);
    assertEquals(List.of(), MerkleProofs.consistency(2, 2, r));
    assertTrue(MerkleProofs.verifyConsistency(2, 2, root, root.clone(), List.of()));
  }

  @Test
  void inclusion_oneLeafTree_emptyProofAndRootIsLeaf() {
    HashReader r = tree(List.of(A));
    assertEquals(List.of(), MerkleProofs.inclusion(0, 1, r));
    assertArrayEquals(A, MerkleProofs.root(1, r));
    assertTrue(MerkleProofs.verifyInclusion(A, 0, 1, List.of(), A));
    assertTrue(
        Arrays.equals(
            MerkleHash.emptyRoot(),
            MerkleProofs.root(
                0,
                (l, i) -> {
                  throw new AssertionError("the empty tree reads nothing");
                })));
  }
}
