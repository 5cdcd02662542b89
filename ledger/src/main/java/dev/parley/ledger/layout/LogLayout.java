package dev.parley.ledger.layout;

import dev.parley.ledger.tiles.BundleFormatException;
import dev.parley.ledger.tiles.BundleId;
import dev.parley.ledger.tiles.EntryBundle;
import dev.parley.ledger.tiles.TileId;
import dev.parley.ledger.tiles.TilePath;
import java.util.List;

/**
 * The store's and auditor's shorthand for C2SP tlog-tiles resources: paths with "0 means full"
 * widths, and bundle framing with unchecked errors. Everything delegates to the {@code tiles}
 * package, which holds the spec logic.
 */
public final class LogLayout {
  /** The checkpoint's path. */
  public static final String CHECKPOINT = "checkpoint";

  private LogLayout() {}

  /**
   * Returns a hash tile's path.
   *
   * @param level the tile level (0-63)
   * @param index the tile index
   * @param width 0 for a full tile, else the partial width 1-255
   * @return e.g. {@code tile/0/x001/234.p/7}
   */
  public static String tilePath(int level, long index, int width) {
    return TilePath.format(new TileId(level, index, width == 0 ? TileState.WIDTH : width));
  }

  /**
   * Returns an entry bundle's path.
   *
   * @param index the bundle index
   * @param width 0 for a full bundle, else the partial width 1-255
   * @return e.g. {@code tile/entries/000.p/17}
   */
  public static String bundlePath(long index, int width) {
    return TilePath.format(new BundleId(index, width == 0 ? TileState.WIDTH : width));
  }

  /**
   * Frames entries as a bundle.
   *
   * @param entries each at most 65,535 bytes
   * @return the bundle bytes
   */
  public static byte[] encodeBundle(List<byte[]> entries) {
    return EntryBundle.encode(entries);
  }

  /**
   * Splits a bundle into its entries.
   *
   * @param bundle the bundle bytes
   * @return the entries
   * @throws IllegalArgumentException naming the entry and byte offset where the framing breaks
   */
  public static List<byte[]> decodeBundle(byte[] bundle) {
    try {
      return EntryBundle.decode(bundle);
    } catch (BundleFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
