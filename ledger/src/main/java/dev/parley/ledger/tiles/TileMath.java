package dev.parley.ledger.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Tile arithmetic of C2SP tlog-tiles with tile height 8: which tiles a tree has, where a Merkle
 * hash is stored, and which tiles change as the tree grows.
 *
 * <p>Tile level {@code l} holds the hashes of Merkle level {@code 8 * l}; a tree of size {@code s}
 * has {@code floor(s / 256**l)} of them, in full tiles of 256 and, by the spec, "The partial tile
 * at level l for a tree of size s has floor(s / 256**l) mod 256 entries. Empty tiles MUST NOT be
 * served." A hash at a Merkle level between multiples of 8 is not stored: it is the root of the
 * perfect subtree over {@code 2^(level mod 8)} consecutive hashes of one tile ("a tile represents
 * the entire subtree of height 8 with its hashes as the leaves").
 *
 * <p>Sizes and indexes are non-negative {@code long}s, so only tile levels 0-7 can hold hashes.
 */
public final class TileMath {
  /** The tile height: each tile level spans 8 Merkle levels. */
  public static final int HEIGHT = 8;

  /** The number of hashes in a full tile, and of entries in a full bundle. */
  public static final int WIDTH = 1 << HEIGHT;

  /** The highest tile level a path may name. */
  public static final int MAX_LEVEL = 63;

  /** The size of each hash in a tile. */
  public static final int HASH_SIZE = 32;

  /** Tile levels that can hold hashes of a {@code long}-sized tree: 8 levels of 8 bits. */
  private static final int LEVELS = Long.SIZE / HEIGHT;

  private TileMath() {}

  /**
   * Returns how many hashes tile level {@code level} holds for a tree of {@code size}.
   *
   * @param level the tile level
   * @param size the tree size
   * @return {@code floor(size / 256**level)}
   */
  public static long hashCount(int level, long size) {
    checkLevel(level);
    checkSize("size", size);
    return HEIGHT * level >= Long.SIZE ? 0 : size >>> (HEIGHT * level);
  }

  /**
   * Returns the width of the partial tile at {@code level}, 0 if the level has none.
   *
   * @param level the tile level
   * @param size the tree size
   * @return {@code floor(size / 256**level) mod 256}
   */
  public static int partialWidth(int level, long size) {
    return (int) (hashCount(level, size) % WIDTH);
  }

  /**
   * Returns the tiles of a tree, full and partial, by level and then index. There are about {@code
   * size / 255} of them; the stream is lazy.
   *
   * @param size the tree size
   * @return every tile the log serves for that size
   */
  public static Stream<TileId> tiles(long size) {
    checkSize("size", size);
    return Stream.iterate(0, l -> l < LEVELS && hashCount(l, size) > 0, l -> l + 1)
        .flatMap(
            l -> {
              long count = hashCount(l, size);
              Stream<TileId> full =
                  LongStream.range(0, count / WIDTH).mapToObj(n -> TileId.full(l, n));
              int w = (int) (count % WIDTH);
              return w == 0
                  ? full
                  : Stream.concat(full, Stream.of(new TileId(l, count / WIDTH, w)));
            });
  }

  /**
   * Returns the partial tiles of a tree, lowest level first: at most one per level.
   *
   * @param size the tree size
   * @return the partial tiles
   */
  public static List<TileId> partialTiles(long size) {
    checkSize("size", size);
    List<TileId> out = new ArrayList<>();
    for (int l = 0; l < LEVELS && hashCount(l, size) > 0; l++) {
      int w = partialWidth(l, size);
      if (w > 0) {
        out.add(new TileId(l, hashCount(l, size) / WIDTH, w));
      }
    }
    return out;
  }

  /**
   * Returns tile {@code index} of {@code level} as it is in a tree of {@code size}.
   *
   * @param level the tile level
   * @param index the tile index
   * @param size the tree size
   * @return the tile, partial if it is the last one of its level and not yet full
   * @throws IllegalArgumentException if the tree has no such tile
   */
  public static TileId tile(int level, long index, long size) {
    return new TileId(level, index, width(level, index, size, "tile"));
  }

  /**
   * Returns entry bundle {@code index} as it is in a tree of {@code size}.
   *
   * @param index the bundle index
   * @param size the tree size
   * @return the bundle, partial if it is the last one and not yet full
   * @throws IllegalArgumentException if the tree has no such bundle
   */
  public static BundleId bundle(long index, long size) {
    return new BundleId(index, width(0, index, size, "bundle"));
  }

  /**
   * Returns where the hash of the complete subtree at Merkle {@code level} and {@code index} is.
   *
   * @param level the Merkle level (subtree height), 0-62
   * @param index the subtree index within that level
   * @param size the tree size, which fixes the width of the tile
   * @return the tile, the offset of the first tile hash under the node and how many there are
   * @throws IllegalArgumentException if that subtree is not complete in a tree of {@code size}
   */
  public static HashLocation locate(int level, long index, long size) {
    checkSize("size", size);
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("level: must be 0-62, got " + level);
    }
    if (index < 0 || index >= (size >>> level)) {
      throw new IllegalArgumentException(
          "hash (level "
              + level
              + ", index "
              + index
              + ") is not a complete subtree of a tree of size "
              + size);
    }
    int tileLevel = level / HEIGHT;
    int within = level % HEIGHT;
    long first = index << within;
    TileId tile = tile(tileLevel, first / WIDTH, size);
    return new HashLocation(tile, (int) (first % WIDTH), 1 << within);
  }

  /**
   * Returns the first entry whose hash a tile or bundle covers: the spec's start index {@code n *
   * 256**(l+1)}.
   *
   * @param resource the tile or bundle
   * @return the first entry index, or {@code Long.MAX_VALUE} if beyond any {@code long} tree
   */
  public static long firstEntry(TileResource resource) {
    return entriesBefore(resource, 0);
  }

  /**
   * Returns one past the last entry a tile or bundle covers: {@code (n * 256 + w) * 256**l}, which
   * for a full tile is the spec's end index {@code (n + 1) * 256**(l+1)}.
   *
   * @param resource the tile or bundle
   * @return the exclusive end, or {@code Long.MAX_VALUE} if beyond any {@code long} tree
   */
  public static long endEntry(TileResource resource) {
    return entriesBefore(resource, resource.width());
  }

  /**
   * Returns the tiles whose content differs between tree sizes {@code oldSize} and {@code newSize}:
   * those that are new or wider, as they are at {@code newSize}. Writing these (and the matching
   * {@link #changedBundles}) updates a log from one size to the other.
   *
   * @param oldSize the earlier size
   * @param newSize the later size
   * @return the tiles by level, then index
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize}
   */
  public static List<TileId> changedTiles(long oldSize, long newSize) {
    checkGrowth(oldSize, newSize);
    List<TileId> out = new ArrayList<>();
    for (int l = 0; l < LEVELS; l++) {
      long before = hashCount(l, oldSize);
      long after = hashCount(l, newSize);
      if (before == after) {
        break; // every higher level is floor(count / 256**k) of this one: unchanged too
      }
      for (long n = before / WIDTH; n <= (after - 1) / WIDTH; n++) {
        out.add(tile(l, n, newSize));
      }
    }
    return out;
  }

  /**
   * Returns the entry bundles that are new or wider at {@code newSize} than at {@code oldSize}.
   *
   * @param oldSize the earlier size
   * @param newSize the later size
   * @return the bundles by index, as they are at {@code newSize}
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize}
   */
  public static List<BundleId> changedBundles(long oldSize, long newSize) {
    checkGrowth(oldSize, newSize);
    List<BundleId> out = new ArrayList<>();
    if (newSize > oldSize) {
      for (long n = oldSize / WIDTH; n <= (newSize - 1) / WIDTH; n++) {
        out.add(bundle(n, newSize));
      }
    }
    return out;
  }

  private static int width(int level, long index, long size, String what) {
    long count = hashCount(level, size);
    if (index < 0 || index > (count - 1) / WIDTH || count == 0) {
      throw new IllegalArgumentException(
          what
              + " (level "
              + level
              + ", index "
              + index
              + ") does not exist in a tree of size "
              + size
              + " (level "
              + level
              + " holds "
              + count
              + " hashes)");
    }
    return (int) Math.min(WIDTH, count - index * WIDTH);
  }

  private static long entriesBefore(TileResource resource, int hashes) {
    int level =
        switch (resource) {
          case TileId t -> t.level();
          case BundleId b -> 0;
        };
    try {
      long hashIndex = Math.addExact(Math.multiplyExact(resource.index(), WIDTH), hashes);
      if (hashIndex == 0) {
        return 0;
      }
      if (HEIGHT * level >= Long.SIZE - 1) {
        return Long.MAX_VALUE;
      }
      return Math.multiplyExact(hashIndex, 1L << (HEIGHT * level));
    } catch (ArithmeticException beyondLong) {
      return Long.MAX_VALUE;
    }
  }

  private static void checkLevel(int level) {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level: must be 0-63, got " + level);
    }
  }

  private static void checkSize(String name, long size) {
    if (size < 0) {
      throw new IllegalArgumentException(name + ": must be non-negative, got " + size);
    }
  }

  private static void checkGrowth(long oldSize, long newSize) {
    checkSize("oldSize", oldSize);
    if (newSize < oldSize) {
      throw new IllegalArgumentException(
          "newSize: must be at least oldSize " + oldSize + ", got " + newSize);
    }
  }
}
