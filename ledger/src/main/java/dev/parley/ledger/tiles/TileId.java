package dev.parley.ledger.tiles;

/**
 * A Merkle tree tile: the {@code index}-th run of {@code width} consecutive hashes at tile level
 * {@code level}, that is at Merkle level {@code 8 * level}.
 *
 * <p>C2SP tlog-tiles: "the n-th tile at level l ... is the sequence of the following Merkle Tree
 * Hashes, with i from 0 to 255: MTH(D[(n * 256 + i) * 256**l : (n * 256 + i + 1) * 256**l])"; a
 * partial tile holds the first {@code width} of them.
 *
 * @param level the tile level, 0-63 ("a decimal ASCII integer between 0 and 63")
 * @param index the tile index within the level
 * @param width the number of hashes: 256 for a full tile, 1-255 for a partial one
 */
public record TileId(int level, long index, int width) implements TileResource {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the component that is out of range
   */
  public TileId {
    if (level < 0 || level > TileMath.MAX_LEVEL) {
      throw new IllegalArgumentException("level: must be 0-63, got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("index: must be non-negative, got " + index);
    }
    if (width < 1 || width > TileMath.WIDTH) {
      throw new IllegalArgumentException("width: must be 1-256, got " + width);
    }
  }

  /**
   * Returns a full tile.
   *
   * @param level the tile level
   * @param index the tile index
   * @return the tile of width 256
   */
  public static TileId full(int level, long index) {
    return new TileId(level, index, TileMath.WIDTH);
  }

  /**
   * Returns the expected size of the tile in bytes.
   *
   * @return {@code width * 32}
   */
  public int byteLength() {
    return width * TileMath.HASH_SIZE;
  }
}
