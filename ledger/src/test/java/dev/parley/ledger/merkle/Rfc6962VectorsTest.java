package dev.parley.ledger.merkle;

import static dev.parley.ledger.merkle.TestJson.hex;
import static dev.parley.ledger.merkle.TestJson.hexList;
import static dev.parley.ledger.merkle.TestJson.list;
import static dev.parley.ledger.merkle.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 8-leaf RFC 6962 reference tree of transparency-dev/merkle ({@code rfc6962-reference.json}).
 */
class Rfc6962VectorsTest {
  private static final Map<String, Object> V = obj(TestJson.resource("rfc6962-reference.json"));
  private static final List<byte[]> LEAVES = hexList(V.get("leaves"));
  private static final List<byte[]> ROOTS = hexList(V.get("roots"));

  /** Serves the published complete-subtree hashes of the 8-leaf tree, and only those. */
  private static HashReader published(long size) {
    List<Object> levels = list(V.get("nodeHashes"));
    return (level, index) -> {
      if ((index + 1) << level > size) {
        fail("asked for (" + level + ", " + index + "), not complete in size " + size);
      }
      return hex(list(levels.get(level)).get((int) index));
    };
  }

  @Test
  void leafAndNodeHashes_referenceTree_matchPublishedNodeHashes() {
    List<Object> levels = list(V.get("nodeHashes"));
    List<byte[]> layer = new ArrayList<>();
    for (byte[] entry : LEAVES) {
      layer.add(MerkleHash.leafHash(entry));
    }
    for (int level = 0; level < levels.size(); level++) {
      List<byte[]> expected = hexList(levels.get(level));
      assertEquals(expected.size(), layer.size(), "level " + level);
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), layer.get(i), "level " + level + " index " + i);
      }
      List<byte[]> up = new ArrayList<>();
      for (int i = 0; i + 1 < layer.size(); i += 2) {
        up.add(MerkleHash.nodeHash(layer.get(i), layer.get(i + 1)));
      }
      layer = up;
    }
  }

  @Test
  void compactRange_eachSize_rootAndBorderMatchPublished() {
    List<Object> compactTrees = list(V.get("compactTrees"));
    CompactRange range = new CompactRange();
    for (int size = 0; size <= LEAVES.size(); size++) {
      if (size > 0) {
        range.append(MerkleHash.leafHash(LEAVES.get(size - 1)));
      }
      assertArrayEquals(ROOTS.get(size), range.root(), "root of size " + size);
      List<byte[]> border = hexList(compactTrees.get(size));
      List<SubtreeHash> got = range.border();
      assertEquals(border.size(), got.size(), "border of size " + size);
      for (int i = 0; i < border.size(); i++) {
        assertArrayEquals(border.get(i), got.get(i).hash(), "border[" + i + "] of size " + size);
      }
    }
  }

  @Test
  void root_publishedSubtrees_matchesPublishedRoots() {
    for (int size = 0; size <= LEAVES.size(); size++) {
      assertArrayEquals(ROOTS.get(size), MerkleProofs.root(size, published(size)), "size " + size);
    }
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(ROOTS.get(0)));
  }

  @Test
  void inclusion_publishedVectors_generatedAndVerified() {
    for (Object o : list(V.get("inclusionProofs"))) {
      Map<String, Object> v = obj(o);
      long index = TestJson.uint64(v.get("index"));
      long size = TestJson.uint64(v.get("size"));
      List<byte[]> expected = hexList(v.get("proof"));
      String what = "index " + index + " size " + size;
      assertHashesEqual(expected, MerkleProofs.inclusion(index, size, published(size)), what);
      byte[] leaf = MerkleHash.leafHash(LEAVES.get((int) index));
      byte[] root = ROOTS.get((int) size);
      assertTrue(MerkleProofs.verifyInclusion(leaf, index, size, expected, root), what);
      assertEquals(expected.size(), MerkleProofs.inclusionProofLength(index, size), what);
      for (List<byte[]> bad : Mutations.of(expected)) {
        assertFalse(MerkleProofs.verifyInclusion(leaf, index, size, bad, root), what);
      }
      assertFalse(MerkleProofs.verifyInclusion(leaf, index + 1, size, expected, root), what);
      assertFalse(MerkleProofs.verifyInclusion(leaf, index, size * 2, expected, root), what);
      assertFalse(MerkleProofs.verifyInclusion(leaf, index, size, expected, ROOTS.get(0)), what);
    }
  }

  @Test
  void consistency_publishedVectors_generatedAndVerified() {
    for (Object o : list(V.get("consistencyProofs"))) {
      Map<String, Object> v = obj(o);
      long m = TestJson.uint64(v.get("size1"));
      long n = TestJson.uint64(v.get("size2"));
      List<byte[]> expected = hexList(v.get("proof"));
      String what = "sizes " + m + " -> " + n;
      assertHashesEqual(expected, MerkleProofs.consistency(m, n, published(n)), what);
      byte[] r1 = ROOTS.get((int) m);
      byte[] r2 = ROOTS.get((int) n);
      assertTrue(MerkleProofs.verifyConsistency(m, n, r1, r2, expected), what);
      assertEquals(expected.size(), MerkleProofs.consistencyProofLength(m, n), what);
      if (m == n) {
        continue;
      }
      for (List<byte[]> bad : Mutations.of(expected)) {
        assertFalse(MerkleProofs.verifyConsistency(m, n, r1, r2, bad), what);
      }
      assertFalse(MerkleProofs.verifyConsistency(m, n, r2, r1, expected), what + " swapped");
      assertFalse(MerkleProofs.verifyConsistency(m - 1, n, r1, r2, expected), what + " m-1");
      assertFalse(MerkleProofs.verifyConsistency(m, n * 2, r1, r2, expected), what + " n*2");
    }
  }

  static void assertHashesEqual(List<byte[]> expected, List<byte[]> actual, String what) {
    HexFormat h = HexFormat.of();
    assertEquals(
        expected.stream().map(h::formatHex).toList(),
        actual.stream().map(h::formatHex).toList(),
        what);
  }
}
