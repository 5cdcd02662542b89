package dev.parley.ledger.store;

import dev.parley.ledger.tiles.TileMath;
import dev.parley.ledger.tiles.TilePath;

/** Parses tile and bundle paths back into the entry range they cover. */
final class TilePaths {
  private TilePaths() {}

  /**
   * Returns whether {@code path} is a canonical tile or bundle path.
   *
   * @param path a path relative to the log root
   * @return true if valid
   */
  static boolean isValid(String path) {
    try {
      TilePath.parse(path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns the index one past the last entry that a tile or bundle covers.
   *
   * @param path e.g. {@code tile/1/000.p/3}
   * @return the exclusive end of the covered entry range (saturating)
   * @throws IllegalArgumentException if {@code path} is not a tile or bundle path
   */
  static long coverageEnd(String path) {
    return TileMath.endEntry(TilePath.parse(path));
  }
}
