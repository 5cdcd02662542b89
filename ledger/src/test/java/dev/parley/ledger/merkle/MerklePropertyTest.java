package dev.parley.ledger.merkle;

import static dev.parley.ledger.merkle.Rfc6962VectorsTest.assertHashesEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The fast implementations against {@link NaiveMerkle} for every tree size 0-1000. */
class MerklePropertyTest {
  private static final int MAX = 1000;
  private static final SplittableRandom MUTATE = new SplittableRandom(2026);
  private static final List<byte[]> LEAVES = new ArrayList<>();
  private static final NaiveMerkle NAIVE;

  /** Every complete subtree of the 1000-leaf tree, keyed by (level, index). */
  private static final Map<List<Long>, byte[]> NODES = new HashMap<>();

  static {
    SplittableRandom rnd = new SplittableRandom(9162);
    for (int i = 0; i < MAX; i++) {
      byte[] entry = new byte[4 + rnd.nextInt(40)]; // distinct: starts with the index
      rnd.nextBytes(entry);
      java.nio.ByteBuffer.wrap(entry).putInt(i);
      LEAVES.add(NaiveMerkle.leaf(entry));
    }
    NAIVE = new NaiveMerkle(LEAVES);
    for (int level = 0; (MAX >> level) > 0; level++) {
      for (int index = 0; index < (MAX >> level); index++) {
        NODES.put(
            List.of((long) level, (long) index), NAIVE.mth(index << level, (index + 1) << level));
      }
    }
  }

  /** A reader over the reference nodes that fails the test on any incomplete subtree. */
  private static HashReader reader(long size) {
    return (level, index) -> {
      if (index < 0 || index >= (size >>> level)) {
        fail("asked for (" + level + ", " + index + "), not complete in a tree of size " + size);
      }
      return NODES.get(List.of((long) level, index));
    };
  }

  @Test
  void compactRange_everySize_rootAndCompletedNodesMatchReference() {
    CompactRange range = new CompactRange();
    Map<List<Long>, byte[]> seen = new HashMap<>();
    for (int size = 0; size <= MAX; size++) {
      if (size > 0) {
        range.append(
            LEAVES.get(size - 1),
            (level, index, hash) -> assertNull(seen.put(List.of((long) level, index), hash)));
      }
      assertEquals(size, range.size());
      assertArrayEquals(NAIVE.mth(0, size), range.root(), "root of size " + size);
    }
    assertEquals(NODES.size(), seen.size(), "every complete subtree reported exactly once");
    seen.forEach((k, v) -> assertArrayEquals(NODES.get(k), v, "node " + k));
  }

  @Test
  void restore_everySize_continuesLikeTheOriginal() {
    for (int size = 0; size <= MAX; size += 7) {
      CompactRange restored = CompactRange.restore(size, reader(size));
      assertEquals(size, restored.size());
      assertArrayEquals(NAIVE.mth(0, size), restored.root(), "restored size " + size);
      for (int next = size; next < Math.min(MAX, size + 20); next++) {
        restored.append(LEAVES.get(next));
        assertArrayEquals(NAIVE.mth(0, next + 1), restored.root(), "size " + (next + 1));
      }
    }
  }

  @Test
  void proofs_everySize_matchReferenceAndVerify() {
    SplittableRandom rnd = new SplittableRandom(6962);
    for (int size = 0; size <= MAX; size++) {
      byte[] root = NAIVE.mth(0, size);
      assertArrayEquals(root, MerkleProofs.root(size, reader(size)), "root of size " + size);
      if (size == 0) {
        continue;
      }
      for (int index : sample(rnd, 0, size - 1)) {
        checkInclusion(index, size, root);
      }
      for (int old : sample(rnd, 1, size)) {
        checkConsistency(old, size);
      }
    }
  }

  @Test
  void proofs_smallTrees_everyIndexAndOldSize() {
    for (int size = 1; size <= 64; size++) {
      byte[] root = NAIVE.mth(0, size);
      for (int index = 0; index < size; index++) {
        checkInclusion(index, size, root);
      }
      for (int old = 1; old <= size; old++) {
        checkConsistency(old, size);
      }
    }
  }

  private static void checkInclusion(int index, int size, byte[] root) {
    String what = "inclusion of " + index + " in " + size;
    List<byte[]> proof = MerkleProofs.inclusion(index, size, reader(size));
    assertHashesEqual(NAIVE.path(index, 0, size), proof, what);
    assertEquals(proof.size(), MerkleProofs.inclusionProofLength(index, size), what);
    byte[] leaf = LEAVES.get(index);
    assertTrue(MerkleProofs.verifyInclusion(leaf, index, size, proof, root), what);
    if (size > 1) {
      int other = (index + 1) % size;
      assertFalse(MerkleProofs.verifyInclusion(LEAVES.get(other), index, size, proof, root), what);
    }
    for (List<byte[]> bad : Mutations.sample(proof, MUTATE)) {
      assertFalse(MerkleProofs.verifyInclusion(leaf, index, size, bad, root), what);
    }
  }

  private static void checkConsistency(int old, int size) {
    String what = "consistency " + old + " -> " + size;
    List<byte[]> proof = MerkleProofs.consistency(old, size, reader(size));
    assertHashesEqual(NAIVE.proof(old, size), proof, what);
    assertEquals(proof.size(), MerkleProofs.consistencyProofLength(old, size), what);
    byte[] oldRoot = NAIVE.mth(0, old);
    byte[] newRoot = NAIVE.mth(0, size);
    assertTrue(MerkleProofs.verifyConsistency(old, size, oldRoot, newRoot, proof), what);
    if (old < size) {
      byte[] otherOld = NAIVE.mth(0, old - 1);
      assertFalse(MerkleProofs.verifyConsistency(old, size, otherOld, newRoot, proof), what);
      for (List<byte[]> bad : Mutations.sample(proof, MUTATE)) {
        assertFalse(MerkleProofs.verifyConsistency(old, size, oldRoot, newRoot, bad), what);
      }
    }
  }

  /** The ends, the middle, a power of two and two random values of {@code [lo, hi]}. */
  private static SortedSet<Integer> sample(SplittableRandom rnd, int lo, int hi) {
    TreeSet<Integer> out = new TreeSet<>(List.of(lo, hi, (lo + hi) / 2));
    out.add(Math.max(lo, Integer.highestOneBit(hi)));
    out.add(rnd.nextInt(lo, hi + 1));
    out.add(rnd.nextInt(lo, hi + 1));
    return out;
  }
}
