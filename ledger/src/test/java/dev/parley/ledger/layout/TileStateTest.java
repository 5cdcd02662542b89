package dev.parley.ledger.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.ledger.merkle.MerkleHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TileState} against a naive recursive RFC 9162 MTH over all leaves (the reference). */
class TileStateTest {
  private static byte[] leaf(int i) {
    return MerkleHash.leafHash(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** RFC 9162 section 2.1.1, literally: MTH(D[n]) splits at the largest power of two below n. */
  private static byte[] mth(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return MerkleHash.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleHash.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }

  private static byte[] concat(List<byte[]> hashes) {
    byte[] out = new byte[hashes.size() * 32];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, out, i * 32, 32);
    }
    return out;
  }

  @Test
  void append_everySizeTo1100_rootAndPartialTilesMatchNaive() {
    TileState state = new TileState();
    List<byte[]> leaves = new ArrayList<>();
    List<TileState.FullTile> completed = new ArrayList<>();
    assertArrayEquals(MerkleHash.emptyRoot(), state.root());
    for (int n = 1; n <= 1100; n++) {
      leaves.add(leaf(n));
      state.append(leaves.getLast(), completed);
      assertArrayEquals(mth(leaves, 0, n), state.root(), "root at size " + n);
      int full = n / 256 * 256;
      assertArrayEquals(concat(leaves.subList(full, n)), state.partialTile(0), "level 0 at " + n);
      List<byte[]> level1 = new ArrayList<>();
      for (int t = 0; t < n / 256; t++) {
        level1.add(mth(leaves, t * 256, t * 256 + 256));
      }
      assertArrayEquals(concat(level1), state.partialTile(1), "level 1 at " + n);
      if (n % 256 == 0) {
        assertEquals(1, completed.size());
        assertEquals(n / 256 - 1, completed.getFirst().index());
        assertArrayEquals(concat(leaves.subList(n - 256, n)), completed.getFirst().bytes());
        completed.clear();
      } else {
        assertEquals(0, completed.size());
      }
    }
  }

  @Test
  void appendFullTile_257Tiles_sameAsLeafByLeaf() {
    TileState slow = new TileState();
    TileState fast = new TileState();
    List<TileState.FullTile> slowTiles = new ArrayList<>();
    List<TileState.FullTile> fastTiles = new ArrayList<>();
    int next = 0;
    for (int t = 0; t < 257; t++) {
      byte[][] hashes = new byte[256][];
      for (int i = 0; i < 256; i++) {
        hashes[i] = leaf(next++);
        slow.append(hashes[i], slowTiles);
      }
      byte[] tile = concat(Arrays.asList(hashes));
      assertArrayEquals(mth(Arrays.asList(hashes), 0, 256), TileState.perfectRoot(hashes));
      fast.appendFullTile(tile, TileState.perfectRoot(hashes), fastTiles);
      assertEquals(slow.size(), fast.size());
      assertArrayEquals(slow.root(), fast.root(), "root after tile " + t);
      assertEquals(slow.levelCount(), fast.levelCount());
      for (int level = 0; level < slow.levelCount(); level++) {
        assertArrayEquals(slow.partialTile(level), fast.partialTile(level));
        assertEquals(slow.partialIndex(level), fast.partialIndex(level));
      }
    }
    assertEquals(slowTiles.size(), fastTiles.size());
    for (int i = 0; i < slowTiles.size(); i++) {
      assertEquals(slowTiles.get(i).level(), fastTiles.get(i).level());
      assertEquals(slowTiles.get(i).index(), fastTiles.get(i).index());
      assertArrayEquals(slowTiles.get(i).bytes(), fastTiles.get(i).bytes());
    }
    slow.append(leaf(-1), slowTiles);
    fast.append(leaf(-1), fastTiles);
    assertArrayEquals(slow.root(), fast.root());
  }

  @Test
  void appendFullTile_offTileBoundary_throws() {
    TileState state = new TileState();
    state.append(leaf(0), new ArrayList<>());
    assertThrows(
        IllegalStateException.class,
        () -> state.appendFullTile(new byte[256 * 32], leaf(1), new ArrayList<>()));
  }
}
