package dev.parley.ledger.tiles;

import dev.parley.ledger.merkle.MerkleHash;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The C2SP tlog-tiles entry bundle encoding: "Entry bundles are sequences of big-endian uint16
 * length-prefixed log entries", so an entry is at most 65,535 bytes and a bundle holds at most 256
 * of them (one per hash of the matching level-0 tile).
 *
 * <p>Decoding is strict: a length prefix cut short, an entry running past the end, more than 256
 * entries, or (when the expected width is given) a different number of entries are rejected with
 * the byte offset and entry position.
 */
public final class EntryBundle {
  /** The largest entry a uint16 length prefix can frame. */
  public static final int MAX_ENTRY_SIZE = 0xFFFF;

  private EntryBundle() {}

  /**
   * Encodes entries as a bundle.
   *
   * @param entries 0-256 entries of at most 65,535 bytes each
   * @return the concatenated length-prefixed entries
   * @throws IllegalArgumentException naming the entry that is too long, or if there are more than
   *     256
   */
  public static byte[] encode(List<byte[]> entries) {
    if (entries.size() > TileMath.WIDTH) {
      throw new IllegalArgumentException(
          "entries: a bundle holds at most 256 entries, got " + entries.size());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i);
      if (e.length > MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException(
            "entries[" + i + "]: " + e.length + " bytes exceeds the uint16 limit of 65535");
      }
      out.write(e.length >>> 8);
      out.write(e.length & 0xFF);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a bundle of any width from 0 to 256 entries.
   *
   * @param bundle the bundle bytes
   * @return the entries, in order
   * @throws BundleFormatException if the bytes are truncated or hold more than 256 entries
   */
  public static List<byte[]> decode(byte[] bundle) throws BundleFormatException {
    List<byte[]> out = new ArrayList<>();
    scan(bundle, -1, (from, to) -> out.add(Arrays.copyOfRange(bundle, from, to)));
    return out;
  }

  /**
   * Decodes a bundle that must hold exactly {@code width} entries, such as the resource named by a
   * {@link BundleId}.
   *
   * @param bundle the bundle bytes
   * @param width the expected number of entries, 1-256
   * @return the entries, in order
   * @throws BundleFormatException if the bytes are truncated, hold fewer entries, or go on after
   *     the last one
   */
  public static List<byte[]> decode(byte[] bundle, int width) throws BundleFormatException {
    checkWidth(width);
    List<byte[]> out = new ArrayList<>(width);
    scan(bundle, width, (from, to) -> out.add(Arrays.copyOfRange(bundle, from, to)));
    return out;
  }

  /**
   * Decodes a bundle of exactly {@code width} entries and returns their RFC 9162 leaf hashes,
   * hashed in place: the level-0 tile the bundle must match.
   *
   * @param bundle the bundle bytes
   * @param width the expected number of entries, 1-256
   * @return {@code width * 32} bytes: the leaf hashes in order
   * @throws BundleFormatException as {@link #decode(byte[], int)}
   */
  public static byte[] leafHashes(byte[] bundle, int width) throws BundleFormatException {
    checkWidth(width);
    byte[] out = new byte[width * TileMath.HASH_SIZE];
    int[] next = {0};
    scan(
        bundle,
        width,
        (from, to) -> {
          byte[] h = MerkleHash.leafHash(bundle, from, to - from);
          System.arraycopy(h, 0, out, next[0]++ * TileMath.HASH_SIZE, TileMath.HASH_SIZE);
        });
    return out;
  }

  @FunctionalInterface
  private interface EntrySink {
    void entry(int from, int to);
  }

  /** Walks the entries; {@code width} is the exact count expected, or -1 for any up to 256. */
  private static void scan(byte[] bundle, int width, EntrySink sink) throws BundleFormatException {
    int limit = width < 0 ? TileMath.WIDTH : width;
    int pos = 0;
    int entry = 0;
    while (pos < bundle.length) {
      if (entry == limit) {
        throw new BundleFormatException(
            pos,
            entry,
            (bundle.length - pos)
                + " bytes follow the last entry; the bundle holds "
                + (width < 0 ? "at most 256 entries" : "exactly " + width + " entries"));
      }
      if (bundle.length - pos < 2) {
        throw new BundleFormatException(
            pos, entry, "length prefix truncated: 1 of 2 bytes present");
      }
      int length = ((bundle[pos] & 0xFF) << 8) | (bundle[pos + 1] & 0xFF);
      int start = pos + 2;
      if (bundle.length - start < length) {
        throw new BundleFormatException(
            pos,
            entry,
            "declares " + length + " bytes but only " + (bundle.length - start) + " remain");
      }
      sink.entry(start, start + length);
      pos = start + length;
      entry++;
    }
    if (width >= 0 && entry != width) {
      throw new BundleFormatException(
          pos, entry, "bundle ends after " + entry + " entries; expected " + width);
    }
  }

  private static void checkWidth(int width) {
    if (width < 1 || width > TileMath.WIDTH) {
      throw new IllegalArgumentException("width: must be 1-256, got " + width);
    }
  }
}
