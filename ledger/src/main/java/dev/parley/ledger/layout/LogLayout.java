package dev.parley.ledger.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Resource paths and entry-bundle framing of a C2SP tlog-tiles log.
 *
 * <p>tlog-tiles: tiles live at {@code tile/<L>/<N>[.p/<W>]} and entry bundles at {@code
 * tile/entries/<N>[.p/<W>]}; "{@code <N>} ... MUST be a non-negative integer encoded into
 * zero-padded 3-digit path elements. All but the last path element MUST begin with an x." Entry
 * bundles "are sequences of big-endian uint16 length-prefixed log entries".
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
    return "tile/" + level + "/" + encodeIndex(index) + partial(width);
  }

  /**
   * Returns an entry bundle's path.
   *
   * @param index the bundle index
   * @param width 0 for a full bundle, else the partial width 1-255
   * @return e.g. {@code tile/entries/000.p/17}
   */
  public static String bundlePath(long index, int width) {
    return "tile/entries/" + encodeIndex(index) + partial(width);
  }

  private static String partial(int width) {
    if (width < 0 || width > 255) {
      throw new IllegalArgumentException("width must be 0 (full) or 1-255, got " + width);
    }
    return width == 0 ? "" : ".p/" + width;
  }

  /** Encodes N as zero-padded 3-digit elements, all but the last prefixed with {@code x}. */
  static String encodeIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("tile index must be non-negative, got " + index);
    }
    StringBuilder out = new StringBuilder();
    String last = String.format("%03d", index % 1000);
    for (long rest = index / 1000; rest > 0; rest /= 1000) {
      out.insert(0, String.format("x%03d/", rest % 1000));
    }
    return out.append(last).toString();
  }

  /**
   * Frames entries as a bundle.
   *
   * @param entries each at most 65,535 bytes
   * @return the bundle bytes
   */
  public static byte[] encodeBundle(List<byte[]> entries) {
    int total = 0;
    for (byte[] e : entries) {
      if (e.length > 0xFFFF) {
        throw new IllegalArgumentException("entry of " + e.length + " bytes exceeds 65535");
      }
      total += 2 + e.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] e : entries) {
      out[at] = (byte) (e.length >>> 8);
      out[at + 1] = (byte) e.length;
      System.arraycopy(e, 0, out, at + 2, e.length);
      at += 2 + e.length;
    }
    return out;
  }

  /**
   * Splits a bundle into its entries.
   *
   * @param bundle the bundle bytes
   * @return the entries
   * @throws IllegalArgumentException naming the entry and byte offset where the framing breaks
   */
  public static List<byte[]> decodeBundle(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int at = 0;
    while (at < bundle.length) {
      if (at + 2 > bundle.length) {
        throw new IllegalArgumentException(
            "entry " + entries.size() + ": length prefix cut off at byte offset " + at);
      }
      int len = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
      if (at + 2 + len > bundle.length) {
        throw new IllegalArgumentException(
            "entry "
                + entries.size()
                + ": declares "
                + len
                + " bytes at offset "
                + at
                + " but only "
                + (bundle.length - at - 2)
                + " remain");
      }
      entries.add(java.util.Arrays.copyOfRange(bundle, at + 2, at + 2 + len));
      at += 2 + len;
    }
    return entries;
  }
}
