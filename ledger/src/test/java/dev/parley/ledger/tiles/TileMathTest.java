package dev.parley.ledger.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TileMathTest {
  @Test
  void hashCountAndPartialWidth_spanAllLevels_noShiftOverflow() {
    assertEquals(70_000, TileMath.hashCount(0, 70_000));
    assertEquals(273, TileMath.hashCount(1, 70_000));
    assertEquals(1, TileMath.hashCount(2, 70_000));
    assertEquals(0, TileMath.hashCount(3, 70_000));
    assertEquals(127, TileMath.hashCount(7, Long.MAX_VALUE));
    assertEquals(0, TileMath.hashCount(8, Long.MAX_VALUE));
    assertEquals(0, TileMath.hashCount(63, Long.MAX_VALUE));
    assertEquals(112, TileMath.partialWidth(0, 70_000));
    assertEquals(0, TileMath.partialWidth(0, 512));
  }

  @Test
  void tilesAndPartialTiles_smallTrees() {
    assertEquals(List.of(), TileMath.tiles(0).toList());
    assertEquals(List.of(new TileId(0, 0, 1)), TileMath.tiles(1).toList());
    assertEquals(List.of(TileId.full(0, 0), new TileId(1, 0, 1)), TileMath.tiles(256).toList());
    assertEquals(
        List.of(new TileId(0, 273, 112), new TileId(1, 1, 17), new TileId(2, 0, 1)),
        TileMath.partialTiles(70_000));
    assertEquals(List.of(), TileMath.partialTiles(0));
    assertEquals(8, TileMath.partialTiles(Long.MAX_VALUE).size());
  }

  @Test
  void partialTiles_areTheTilesThatArePartial() {
    for (long size = 0; size < 70_000; size += 997) {
      long s = size;
      assertEquals(
          TileMath.tiles(s).filter(TileId::isPartial).toList(),
          TileMath.partialTiles(s),
          "size " + s);
    }
  }

  @Test
  void locate_examples() {
    assertEquals(new HashLocation(TileId.full(0, 4), 210, 1), TileMath.locate(0, 1234, 70_000));
    assertEquals(new HashLocation(TileId.full(0, 0), 40, 8), TileMath.locate(3, 5, 70_000));
    assertEquals(new HashLocation(TileId.full(1, 0), 0, 1), TileMath.locate(8, 0, 70_000));
    assertEquals(new HashLocation(new TileId(1, 1, 17), 16, 1), TileMath.locate(8, 272, 70_000));
    assertEquals(new HashLocation(new TileId(1, 1, 17), 12, 4), TileMath.locate(10, 67, 70_000));
    assertEquals(new HashLocation(new TileId(2, 0, 1), 0, 1), TileMath.locate(16, 0, 70_000));
    assertEquals(new HashLocation(new TileId(0, 0, 3), 2, 1), TileMath.locate(0, 2, 3));
  }

  @Test
  void locate_incompleteOrInvalid_rejected() {
    assertEquals(
        "hash (level 0, index 70000) is not a complete subtree of a tree of size 70000",
        assertThrows(IllegalArgumentException.class, () -> TileMath.locate(0, 70_000, 70_000))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> TileMath.locate(10, 68, 70_000));
    assertThrows(IllegalArgumentException.class, () -> TileMath.locate(0, -1, 70_000));
    assertThrows(IllegalArgumentException.class, () -> TileMath.locate(63, 0, Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> TileMath.locate(0, 0, -1));
  }

  @Test
  void locate_everyCompleteHash_liesInATileOfTheTree() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int round = 0; round < 200; round++) {
      long size = rnd.nextLong(1, 200_000);
      Set<TileId> tiles = new HashSet<>(TileMath.tiles(size).toList());
      for (int level = 0; (size >>> level) > 0; level++) {
        long index = rnd.nextLong(size >>> level);
        HashLocation at = TileMath.locate(level, index, size);
        assertTrue(tiles.contains(at.tile()), at + " in tree of size " + size);
        long firstStored = at.tile().index() * TileMath.WIDTH + at.offset();
        assertEquals(index << (level % 8), firstStored, "level " + level + " index " + index);
      }
    }
  }

  @Test
  void tileAndBundle_missing_rejected() {
    assertEquals(
        "tile (level 0, index 1) does not exist in a tree of size 256 (level 0 holds 256 hashes)",
        assertThrows(IllegalArgumentException.class, () -> TileMath.tile(0, 1, 256)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> TileMath.tile(2, 0, 65_535));
    assertThrows(IllegalArgumentException.class, () -> TileMath.bundle(0, 0));
    assertEquals(new BundleId(1, 44), TileMath.bundle(1, 300));
    assertEquals(new TileId(1, 0, 1), TileMath.tile(1, 0, 300));
  }

  /**
   * The spec's definition: a tile changes iff the tile list of the new size has it but the old one
   * does not.
   */
  private static List<TileId> changedByDefinition(long m, long n) {
    Set<TileId> before = new HashSet<>(TileMath.tiles(m).toList());
    return TileMath.tiles(n).filter(t -> !before.contains(t)).toList();
  }

  @Test
  void changedTiles_allSmallGrowths_matchDefinition() {
    for (long m = 0; m <= 600; m += 3) {
      for (long n = m; n <= 600; n++) {
        assertEquals(changedByDefinition(m, n), TileMath.changedTiles(m, n), m + " -> " + n);
        List<BundleId> bundles =
            changedByDefinition(m, n).stream()
                .filter(t -> t.level() == 0)
                .map(t -> new BundleId(t.index(), t.width()))
                .toList();
        assertEquals(bundles, TileMath.changedBundles(m, n), m + " -> " + n);
      }
    }
  }

  @Test
  void changedTiles_largeGrowths_matchDefinition() {
    long[][] growths = {
      {0, 70_000}, {69_999, 70_000}, {65_535, 65_536}, {65_536, 70_000}, {1000, 66_000}
    };
    for (long[] g : growths) {
      assertEquals(
          changedByDefinition(g[0], g[1]), TileMath.changedTiles(g[0], g[1]), g[0] + " -> " + g[1]);
    }
    long s = 1L << 24;
    assertEquals(
        List.of(
            TileId.full(0, 65_535), TileId.full(1, 255), TileId.full(2, 0), new TileId(3, 0, 1)),
        TileMath.changedTiles(s - 1, s));
    assertEquals(8, TileMath.changedTiles((1L << 56) - 1, 1L << 56).size());
    assertEquals(
        List.of(new TileId(0, (1L << 55) - 1, 255)),
        TileMath.changedTiles(Long.MAX_VALUE - 1, Long.MAX_VALUE));
    assertEquals(List.of(), TileMath.changedTiles(5, 5));
    assertEquals(
        "newSize: must be at least oldSize 5, got 4",
        assertThrows(IllegalArgumentException.class, () -> TileMath.changedTiles(5, 4))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> TileMath.changedBundles(-1, 4));
  }

  @Test
  void firstAndEndEntry_specStartAndEndIndex() {
    assertEquals(0, TileMath.firstEntry(TileId.full(0, 0)));
    assertEquals(256, TileMath.endEntry(TileId.full(0, 0)));
    assertEquals(65_536, TileMath.firstEntry(new TileId(1, 1, 17)));
    assertEquals((256 + 17) * 256, TileMath.endEntry(new TileId(1, 1, 17)));
    assertEquals(2 * 65_536, TileMath.endEntry(TileId.full(1, 1)));
    assertEquals(69_888, TileMath.firstEntry(new BundleId(273, 112)));
    assertEquals(70_000, TileMath.endEntry(new BundleId(273, 112)));
    assertEquals(1L << 56, TileMath.endEntry(new TileId(7, 0, 1)));
    assertEquals(Long.MAX_VALUE, TileMath.firstEntry(TileId.full(7, 1)));
    assertEquals(0, TileMath.firstEntry(TileId.full(9, 0)));
    assertEquals(Long.MAX_VALUE, TileMath.endEntry(TileId.full(9, 0)));
    assertEquals(Long.MAX_VALUE, TileMath.firstEntry(BundleId.full(Long.MAX_VALUE)));
  }
}
