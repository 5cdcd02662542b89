package dev.parley.ledger.store;

import java.util.Arrays;
import java.util.List;

/**
 * The entry bundle being filled (C2SP tlog-tiles: big-endian uint16 length, then the entry, for up
 * to 256 entries), kept encoded so that each batch can write its partial bundle without re-encoding
 * it.
 *
 * <p>Append-only: bytes below {@link #length()} never change once written, so a write still in
 * flight may keep reading a prefix of {@link #bytes()} while later entries are appended (growth
 * copies into a new array and leaves the old one intact). Sequencer-owned, not thread-safe.
 */
final class BundleBuffer {
  private byte[] bytes;
  private int length;
  private int count;

  /**
   * Creates a buffer holding {@code entries} (the partial bundle found at start-up).
   *
   * @param entries 0-255 entries
   */
  BundleBuffer(List<byte[]> entries) {
    this.bytes = new byte[64 * 1024];
    for (byte[] e : entries) {
      add(e);
    }
  }

  /**
   * Appends one entry.
   *
   * @param entry at most 65,535 bytes (checked when the append was accepted)
   */
  void add(byte[] entry) {
    int need = length + 2 + entry.length;
    if (need > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
    }
    bytes[length] = (byte) (entry.length >>> 8);
    bytes[length + 1] = (byte) entry.length;
    System.arraycopy(entry, 0, bytes, length + 2, entry.length);
    length = need;
    count++;
  }

  /** Starts a new bundle; the old array is left to writes still in flight. */
  void clear() {
    bytes = new byte[Math.max(64 * 1024, length)];
    length = 0;
    count = 0;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  int count() {
    return count;
  }
}
