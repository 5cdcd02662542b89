package dev.parley.ledger.tiles;

/**
 * A static resource of a tiled log below {@code tile/}: a Merkle tree tile or an entry bundle.
 *
 * <p>Both are addressed by an index within their level and a width: 256 for a full resource, 1-255
 * for a partial one (C2SP tlog-tiles: "A partial tile contains between 1 and 255 hashes").
 */
public sealed interface TileResource permits TileId, BundleId {
  /**
   * Returns the index within the level.
   *
   * @return the index, from 0
   */
  long index();

  /**
   * Returns the number of hashes or entries.
   *
   * @return 1-256
   */
  int width();

  /**
   * Returns whether this is a partial resource.
   *
   * @return true if {@code width() < 256}
   */
  default boolean isPartial() {
    return width() < TileMath.WIDTH;
  }

  /**
   * Returns the path relative to the log prefix.
   *
   * @return e.g. {@code tile/0/x001/x234/067.p/5}
   */
  default String path() {
    return TilePath.format(this);
  }
}
