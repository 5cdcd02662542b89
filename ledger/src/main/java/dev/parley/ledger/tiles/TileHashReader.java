package dev.parley.ledger.tiles;

import dev.parley.ledger.merkle.HashReader;
import dev.parley.ledger.merkle.MerkleHash;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A {@link HashReader} over the tiles of a tree of fixed size, with the tile bytes supplied by a
 * caller's function (file, HTTP, cache: this class does no I/O).
 *
 * <p>C2SP tlog-tiles: "a tile represents the entire subtree of height 8 with its hashes as the
 * leaves. The Merkle Tree levels between those expressed by the tile hashes are reconstructed by
 * hashing the leaves." A hash at a Merkle level that is a multiple of 8 is read from its tile
 * directly; any other is the perfect-subtree root over {@code 2^(level mod 8)} hashes of one tile.
 * The function is asked for tiles with the width they have at this tree size; since a full tile
 * extends the partial one, it may answer a partial request with the full tile (the spec's fallback
 * once the partial tile is deleted). The reader keeps no cache.
 */
public final class TileHashReader implements HashReader {
  private final long size;
  private final Function<TileId, byte[]> tiles;

  /**
   * Creates a reader.
   *
   * @param size the tree size whose tiles {@code tiles} serves
   * @param tiles returns the bytes of a tile; may throw an unchecked exception if it cannot
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public TileHashReader(long size, Function<TileId, byte[]> tiles) {
    if (size < 0) {
      throw new IllegalArgumentException("size: must be non-negative, got " + size);
    }
    this.size = size;
    this.tiles = tiles;
  }

  /**
   * Returns the tree size this reader serves.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * Returns the hash of a complete subtree.
   *
   * @param level the Merkle level, 0-62
   * @param index the subtree index
   * @return 32 bytes
   * @throws IllegalArgumentException if the subtree is not complete in a tree of this size
   * @throws IllegalStateException if the function returns null or a tile of the wrong length
   */
  @Override
  public byte[] hash(int level, long index) {
    HashLocation at = TileMath.locate(level, index, size);
    TileId tile = at.tile();
    byte[] bytes = tiles.apply(tile);
    if (bytes == null) {
      throw new IllegalStateException(tile.path() + ": the tile function returned null");
    }
    int full = TileMath.WIDTH * TileMath.HASH_SIZE;
    if (bytes.length != tile.byteLength() && !(tile.isPartial() && bytes.length == full)) {
      throw new IllegalStateException(
          tile.path()
              + ": must be "
              + tile.byteLength()
              + " bytes"
              + (tile.isPartial() ? " (or " + full + " for the full tile)" : "")
              + ", got "
              + bytes.length);
    }
    return subtreeRoot(bytes, at.offset(), at.count());
  }

  /**
   * Returns the RFC 9162 root of the perfect subtree over {@code count} consecutive hashes of a
   * tile.
   *
   * @param tile the tile bytes (concatenated 32-byte hashes)
   * @param offset the first hash, a multiple of {@code count}
   * @param count the number of hashes, a power of two
   * @return 32 bytes; for {@code count} 1, a copy of that hash
   * @throws IllegalArgumentException if the hashes are not within {@code tile} or {@code count} is
   *     not a power of two
   */
  public static byte[] subtreeRoot(byte[] tile, int offset, int count) {
    if (count < 1
        || Integer.bitCount(count) != 1
        || offset < 0
        || (long) (offset + count) * TileMath.HASH_SIZE > tile.length) {
      throw new IllegalArgumentException(
          "hashes ["
              + offset
              + ", "
              + (offset + count)
              + ") of a "
              + tile.length
              + "-byte tile: count must be a power of two and the range inside the tile");
    }
    int size = TileMath.HASH_SIZE;
    byte[][] layer = new byte[count][];
    for (int i = 0; i < count; i++) {
      int from = (offset + i) * size;
      layer[i] = Arrays.copyOfRange(tile, from, from + size);
    }
    for (int n = count; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        layer[i] = MerkleHash.nodeHash(layer[2 * i], layer[2 * i + 1]);
      }
    }
    return layer[0];
  }

  @Override
  public String toString() {
    return "TileHashReader[size=" + size + "]";
  }
}
