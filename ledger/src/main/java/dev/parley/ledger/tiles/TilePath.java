package dev.parley.ledger.tiles;

/**
 * Formats and parses C2SP tlog-tiles resource paths: {@code tile/<L>/<N>[.p/<W>]} for Merkle tree
 * tiles and {@code tile/entries/<N>[.p/<W>]} for entry bundles.
 *
 * <p>C2SP tlog-tiles: "{@code <L>} ... MUST be a decimal ASCII integer between 0 and 63, with no
 * additional leading zeroes." "{@code <N>} ... MUST be a non-negative integer encoded into
 * zero-padded 3-digit path elements. All but the last path element MUST begin with an x. For
 * example, index 1234067 will be encoded as x001/x234/067." "{@code <W>} is the width of the tile,
 * a decimal ASCII integer between 1 and 255, with no additional leading zeroes."
 *
 * <p>The parser accepts exactly the strings {@link #format} produces, so every resource has one
 * path: an index also has no leading {@code x000} element (which would be a second spelling of the
 * same number), and must fit in a signed 64-bit integer.
 */
public final class TilePath {
  private static final String PREFIX = "tile/";
  private static final String ENTRIES = "entries";
  private static final String PARTIAL = ".p";

  private TilePath() {}

  /**
   * Returns the path of a tile or bundle.
   *
   * @param resource the tile or bundle
   * @return e.g. {@code tile/1/x001/x234/067} or {@code tile/entries/000.p/5}
   */
  public static String format(TileResource resource) {
    String level =
        switch (resource) {
          case TileId t -> Integer.toString(t.level());
          case BundleId b -> ENTRIES;
        };
    String path = PREFIX + level + "/" + formatIndex(resource.index());
    return resource.isPartial() ? path + PARTIAL + "/" + resource.width() : path;
  }

  /**
   * Returns the {@code <N>} encoding of an index.
   *
   * @param index a non-negative index
   * @return e.g. {@code x001/x234/067} for 1234067, {@code 000} for 0
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static String formatIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index: must be non-negative, got " + index);
    }
    String digits = Long.toString(index);
    digits = "0".repeat((3 - digits.length() % 3) % 3) + digits;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) {
        out.append('x');
      }
      out.append(digits, i, i + 3).append(i + 3 < digits.length() ? "/" : "");
    }
    return out.toString();
  }

  /**
   * Parses a tile or bundle path.
   *
   * @param path a path relative to the log prefix, without a leading slash
   * @return a {@link TileId} or a {@link BundleId}
   * @throws IllegalArgumentException saying which part is malformed and at which character offset
   */
  public static TileResource parse(String path) {
    if (!path.startsWith(PREFIX)) {
      throw bad(path, 0, "must start with \"tile/\"");
    }
    int levelEnd = path.indexOf('/', PREFIX.length());
    if (levelEnd < 0) {
      throw bad(path, path.length(), "missing \"/<N>\" after the level");
    }
    String levelText = path.substring(PREFIX.length(), levelEnd);
    boolean bundle = levelText.equals(ENTRIES);
    int level = bundle ? 0 : parseLevel(path, levelText, PREFIX.length());
    int start = levelEnd + 1;
    int partialAt = path.indexOf(PARTIAL + "/", start);
    int indexEnd = partialAt < 0 ? path.length() : partialAt;
    long index = parseIndex(path, path.substring(start, indexEnd), start);
    int width = TileMath.WIDTH;
    if (partialAt >= 0) {
      int widthStart = partialAt + PARTIAL.length() + 1;
      width = parseWidth(path, path.substring(widthStart), widthStart);
    }
    return bundle ? new BundleId(index, width) : new TileId(level, index, width);
  }

  /**
   * Parses a Merkle tree tile path.
   *
   * @param path e.g. {@code tile/0/x001/x234/067.p/5}
   * @return the tile
   * @throws IllegalArgumentException if the path is malformed or names an entry bundle
   */
  public static TileId parseTile(String path) {
    return switch (parse(path)) {
      case TileId t -> t;
      case BundleId b -> throw bad(path, PREFIX.length(), "is an entry bundle, not a hash tile");
    };
  }

  /**
   * Parses an entry bundle path.
   *
   * @param path e.g. {@code tile/entries/x001/x234/067}
   * @return the bundle
   * @throws IllegalArgumentException if the path is malformed or names a hash tile
   */
  public static BundleId parseBundle(String path) {
    return switch (parse(path)) {
      case BundleId b -> b;
      case TileId t -> throw bad(path, PREFIX.length(), "is a hash tile, not an entry bundle");
    };
  }

  private static int parseLevel(String path, String text, int at) {
    if (!isDecimal(text) || text.length() > 2 || (text.length() > 1 && text.charAt(0) == '0')) {
      throw bad(
          path, at, "level \"" + text + "\" must be \"entries\" or 0-63 without leading zeros");
    }
    int level = Integer.parseInt(text);
    if (level > TileMath.MAX_LEVEL) {
      throw bad(path, at, "level " + level + " exceeds 63");
    }
    return level;
  }

  private static int parseWidth(String path, String text, int at) {
    if (!isDecimal(text) || text.length() > 3 || text.charAt(0) == '0') {
      throw bad(path, at, "width \"" + text + "\" must be 1-255 without leading zeros");
    }
    int width = Integer.parseInt(text);
    if (width >= TileMath.WIDTH) {
      throw bad(path, at, "width " + width + " must be 1-255 (a full tile has no .p/ suffix)");
    }
    return width;
  }

  private static long parseIndex(String path, String text, int at) {
    String[] elements = text.split("/", -1);
    long index = 0;
    int offset = at;
    for (int i = 0; i < elements.length; i++) {
      String e = elements[i];
      boolean last = i == elements.length - 1;
      String digits = last ? e : (e.startsWith("x") ? e.substring(1) : "");
      if (digits.length() != 3 || !isDecimal(digits)) {
        throw bad(
            path,
            offset,
            "index element "
                + i
                + " \""
                + e
                + "\" must be "
                + (last ? "3 digits" : "\"x\" and 3 digits"));
      }
      if (i == 0 && !last && digits.equals("000")) {
        throw bad(path, offset, "index element 0 \"x000\" is a leading zero group (non-canonical)");
      }
      try {
        index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(digits));
      } catch (ArithmeticException overflow) {
        throw bad(path, at, "index exceeds " + Long.MAX_VALUE);
      }
      offset += e.length() + 1;
    }
    return index;
  }

  private static boolean isDecimal(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException bad(String path, int offset, String what) {
    String shown = path.length() <= 80 ? path : path.substring(0, 80) + "...";
    return new IllegalArgumentException(
        "tile path \"" + shown + "\": at offset " + offset + ": " + what);
  }
}
