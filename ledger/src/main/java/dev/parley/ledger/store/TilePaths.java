package dev.parley.ledger.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the tile and bundle paths of a tiled log back into the entry range they cover. */
final class TilePaths {
  /**
   * tlog-tiles path grammar: level 0-63 without leading zeros (or {@code entries}), index in
   * 3-digit elements with {@code x} on all but the last, optional {@code .p/<W>} with W 1-255.
   */
  static final Pattern PATH =
      Pattern.compile(
          "tile/(entries|0|[1-9]|[1-5][0-9]|6[0-3])/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]?|1[0-9]{2}|2[0-4][0-9]|25[0-5]))?");

  private TilePaths() {}

  /**
   * Returns whether {@code path} is a syntactically valid tile or bundle path.
   *
   * @param path a path relative to the log root
   * @return true if valid
   */
  static boolean isValid(String path) {
    return PATH.matcher(path).matches();
  }

  /**
   * Returns the index one past the last entry that a tile or bundle covers.
   *
   * @param path e.g. {@code tile/1/000.p/3}
   * @return the exclusive end of the covered entry range
   * @throws IllegalArgumentException if {@code path} is not a tile or bundle path
   */
  static long coverageEnd(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a tile path: " + path);
    }
    int level = m.group(1).equals("entries") ? 0 : Integer.parseInt(m.group(1));
    long index = Long.parseLong(m.group(2).replace("x", "").replace("/", ""));
    int width = m.group(3) == null ? 256 : Integer.parseInt(m.group(3));
    if (level > 6) {
      return Long.MAX_VALUE; // covers more than 2^56 entries: beyond any real log
    }
    long span = 1L << (8 * level);
    return (index * 256 + width) * span;
  }
}
