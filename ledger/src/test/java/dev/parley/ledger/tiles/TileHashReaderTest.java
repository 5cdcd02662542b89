package dev.parley.ledger.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.merkle.CompactRange;
import dev.parley.ledger.merkle.MerkleHash;
import dev.parley.ledger.merkle.MerkleProofs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tiles built incrementally from random leaves serve the same roots and proofs as the tree. */
class TileHashReaderTest {
  /**
   * An in-memory tiled log: every tile-level hash (Merkle levels 0, 8, 16, ...) reported by a
   * {@link CompactRange}, kept per tile, as a store would write them.
   */
  private static final class Tiles {
    final CompactRange range = new CompactRange();
    final Map<List<Long>, byte[]> buffers = new HashMap<>();
    final List<byte[]> roots = new ArrayList<>(List.of(MerkleHash.emptyRoot()));

    void append(byte[] leafHash) {
      range.append(
          leafHash,
          (level, index, hash) -> {
            if (level % TileMath.HEIGHT == 0) {
              byte[] tile =
                  buffers.computeIfAbsent(
                      List.of((long) level / TileMath.HEIGHT, index / TileMath.WIDTH),
                      k -> new byte[TileMath.WIDTH * TileMath.HASH_SIZE]);
              System.arraycopy(hash, 0, tile, (int) (index % TileMath.WIDTH) * 32, 32);
            }
          });
      roots.add(range.root());
    }

    /** The bytes of a tile as the log serves it at a given size. */
    byte[] serve(TileId t, long size) {
      assertEquals(
          TileMath.tile(t.level(), t.index(), size), t, "requested tile exists at size " + size);
      byte[] buffer = buffers.get(List.of((long) t.level(), t.index()));
      return Arrays.copyOf(buffer, t.byteLength());
    }
  }

  private static Tiles build(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Tiles tiles = new Tiles();
    for (int i = 0; i < count; i++) {
      byte[] entry = new byte[rnd.nextInt(1, 64)];
      rnd.nextBytes(entry);
      tiles.append(MerkleHash.leafHash(entry));
    }
    return tiles;
  }

  @Test
  void root_everySizeTo3000_equalsIncrementalRoot() {
    Tiles tiles = build(3000, 3000);
    for (long size = 0; size <= 3000; size++) {
      long s = size;
      TileHashReader reader = new TileHashReader(s, t -> tiles.serve(t, s));
      assertArrayEquals(tiles.roots.get((int) s), MerkleProofs.root(s, reader), "size " + s);
    }
  }

  @Test
  void proofs_tileBacked_verifyAgainstIncrementalRoots() {
    Tiles tiles = build(3000, 42);
    SplittableRandom rnd = new SplittableRandom(7);
    for (int round = 0; round < 300; round++) {
      long size = rnd.nextLong(1, 3001);
      TileHashReader reader = new TileHashReader(size, t -> tiles.serve(t, size));
      long index = rnd.nextLong(size);
      byte[] leaf = reader.hash(0, index);
      List<byte[]> inclusion = MerkleProofs.inclusion(index, size, reader);
      assertTrue(
          MerkleProofs.verifyInclusion(leaf, index, size, inclusion, tiles.roots.get((int) size)));
      long old = rnd.nextLong(1, size + 1);
      List<byte[]> consistency = MerkleProofs.consistency(old, size, reader);
      assertTrue(
          MerkleProofs.verifyConsistency(
              old, size, tiles.roots.get((int) old), tiles.roots.get((int) size), consistency),
          old + " -> " + size);
    }
  }

  @Test
  void root_level2Tiles_equalsIncrementalRoot() {
    Tiles tiles = build(70_000, 70_000);
    for (long size : new long[] {65_535, 65_536, 65_537, 69_999, 70_000}) {
      TileHashReader reader = new TileHashReader(size, t -> tiles.serve(t, size));
      assertArrayEquals(
          tiles.roots.get((int) size), MerkleProofs.root(size, reader), "size " + size);
      assertEquals(size, reader.size());
    }
  }

  @Test
  void changedTiles_writtenPerBatch_sufficeToServeEveryCheckpoint() {
    Tiles tiles = build(5000, 11);
    Map<String, byte[]> files = new HashMap<>();
    SplittableRandom rnd = new SplittableRandom(12);
    long size = 0;
    while (size < 5000) {
      long next = Math.min(5000, size + 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 700));
      for (TileId t : TileMath.changedTiles(size, next)) {
        files.put(t.path(), tiles.serve(t, next));
      }
      long s = next;
      TileHashReader reader = new TileHashReader(s, t -> files.get(t.path()));
      assertArrayEquals(tiles.roots.get((int) s), MerkleProofs.root(s, reader), "checkpoint " + s);
      size = next;
    }
  }

  @Test
  void hash_fullTileForPartialRequest_accepted() {
    Tiles tiles = build(300, 1);
    byte[] full = tiles.buffers.get(List.of(0L, 1L));
    TileHashReader reader =
        new TileHashReader(300, t -> t.level() == 0 && t.index() == 1 ? full : tiles.serve(t, 300));
    assertArrayEquals(tiles.roots.get(300), MerkleProofs.root(300, reader));
  }

  @Test
  void hash_badTileBytes_rejectedWithPath() {
    IllegalStateException shortTile =
        assertThrows(
            IllegalStateException.class,
            () -> new TileHashReader(5, t -> new byte[150]).hash(0, 0));
    assertEquals(
        "tile/0/000.p/5: must be 160 bytes (or 8192 for the full tile), got 150",
        shortTile.getMessage());
    IllegalStateException longFull =
        assertThrows(
            IllegalStateException.class,
            () -> new TileHashReader(256, t -> new byte[8224]).hash(0, 0));
    assertEquals("tile/0/000: must be 8192 bytes, got 8224", longFull.getMessage());
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class, () -> new TileHashReader(5, t -> null).hash(0, 0));
    assertEquals("tile/0/000.p/5: the tile function returned null", missing.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new TileHashReader(5, t -> new byte[160]).hash(0, 5));
    assertThrows(IllegalArgumentException.class, () -> new TileHashReader(-1, t -> null));
  }

  @Test
  void subtreeRoot_examples_andValidation() {
    byte[] a = MerkleHash.leafHash(new byte[] {1});
    byte[] b = MerkleHash.leafHash(new byte[] {2});
    byte[] tile = new byte[64];
    System.arraycopy(a, 0, tile, 0, 32);
    System.arraycopy(b, 0, tile, 32, 32);
    assertArrayEquals(MerkleHash.nodeHash(a, b), TileHashReader.subtreeRoot(tile, 0, 2));
    assertArrayEquals(b, TileHashReader.subtreeRoot(tile, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> TileHashReader.subtreeRoot(tile, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> TileHashReader.subtreeRoot(tile, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> TileHashReader.subtreeRoot(tile, -1, 1));
  }
}
