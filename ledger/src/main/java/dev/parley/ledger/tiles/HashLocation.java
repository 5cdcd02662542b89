package dev.parley.ledger.tiles;

/**
 * Where a Merkle tree hash lives in the tiles: it is the root of the perfect subtree over hashes
 * {@code [offset, offset + count)} of {@code tile}; {@code count} is 1 for levels that are
 * multiples of 8 (stored directly) and {@code 2^(level mod 8)} otherwise (recomputed).
 *
 * @param tile the tile, with the width it has in the tree size used to locate it
 * @param offset the first hash within the tile, 0-255
 * @param count the number of tile hashes under the node, a power of two from 1 to 128
 */
public record HashLocation(TileId tile, int offset, int count) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the hashes are not inside the tile or {@code count} is not
   *     a power of two
   */
  public HashLocation {
    if (count < 1 || count > TileMath.WIDTH / 2 || Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException("count: must be a power of two 1-128, got " + count);
    }
    if (offset < 0 || offset % count != 0 || offset + count > tile.width()) {
      throw new IllegalArgumentException(
          "offset: must be a multiple of "
              + count
              + " with offset + count <= width "
              + tile.width()
              + ", got "
              + offset);
    }
  }
}
