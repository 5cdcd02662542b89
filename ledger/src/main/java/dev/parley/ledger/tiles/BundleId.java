package dev.parley.ledger.tiles;

/**
 * An entry bundle: the entries whose leaf hashes form the level-0 tile of the same index and width.
 *
 * <p>C2SP tlog-tiles: "Each entry in a bundle hashes to the corresponding entry in the
 * corresponding “level 0” Merkle Tree tile."
 *
 * @param index the bundle index; it covers entries from {@code index * 256}
 * @param width the number of entries: 256 for a full bundle, 1-255 for a partial one
 */
public record BundleId(long index, int width) implements TileResource {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the component that is out of range
   */
  public BundleId {
    if (index < 0) {
      throw new IllegalArgumentException("index: must be non-negative, got " + index);
    }
    if (width < 1 || width > TileMath.WIDTH) {
      throw new IllegalArgumentException("width: must be 1-256, got " + width);
    }
  }

  /**
   * Returns a full bundle.
   *
   * @param index the bundle index
   * @return the bundle of width 256
   */
  public static BundleId full(long index) {
    return new BundleId(index, TileMath.WIDTH);
  }

  /**
   * Returns the level-0 tile that holds this bundle's leaf hashes.
   *
   * @return the tile with the same index and width
   */
  public TileId tile() {
    return new TileId(0, index, width);
  }
}
