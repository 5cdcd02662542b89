package dev.parley.ledger.layout;

import dev.parley.ledger.merkle.MerkleHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The right edge of a tiled Merkle tree: for every level, the hashes of the current partial tile.
 * Pure logic; the store and the auditor both drive it leaf by leaf.
 *
 * <p>C2SP tlog-tiles: "the n-th tile at level l ... is the sequence of the Merkle Tree Hashes
 * MTH(D[(n * 256 + i) * 256**l : (n * 256 + i + 1) * 256**l])" and "The partial tile at level l for
 * a tree of size s has floor(s / 256**l) mod 256 entries." Appending a leaf adds a hash to level 0;
 * when a level holds 256 hashes it is a full tile, its MTH (a perfect subtree of height 8) is
 * appended to the level above, and the level restarts empty.
 *
 * <p>The RFC 9162 root of the whole tree follows from the partial tiles alone: splitting each
 * partial tile's width into powers of two gives the perfect subtrees of the tree's right border,
 * from the highest level down, and MTH folds them right to left (RFC 9162 section 2.1.1).
 */
public final class TileState {
  /** Hashes per full tile. */
  public static final int WIDTH = 256;

  /**
   * Per level: {@code subtrees[k][j]} is the root of the aligned block j of 2^k hashes of the
   * partial tile ({@code k = 0} holds the hashes themselves), filled in as blocks complete, so that
   * appending costs one node hash on average and {@link #root()} at most a few per level.
   */
  private final List<byte[][][]> levels = new ArrayList<>();

  private final List<Integer> widths = new ArrayList<>();
  private long size;

  /** A tile that became full: its level, index and 256 hashes (8,192 bytes). */
  @SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
  public record FullTile(int level, long index, byte[] bytes) {}

  /**
   * Returns the number of leaves.
   *
   * @return the tree size
   */
  public long size() {
    return size;
  }

  /**
   * Appends one leaf hash.
   *
   * @param leafHash the RFC 9162 leaf hash
   * @param completed receives each tile that becomes full (level 0 first)
   */
  public void append(byte[] leafHash, List<FullTile> completed) {
    push(0, leafHash, completed);
    size++;
  }

  /**
   * Appends 256 leaf hashes at once, as {@link #append} would one by one, when the level-0 tile is
   * empty (the size is a multiple of 256).
   *
   * @param tile the 256 leaf hashes, concatenated (8,192 bytes; kept, not copied)
   * @param root their MTH, from {@link #perfectRoot(byte[][])}
   * @param completed receives each tile that becomes full (this level-0 tile first)
   * @throws IllegalStateException if the size is not a multiple of 256
   */
  public void appendFullTile(byte[] tile, byte[] root, List<FullTile> completed) {
    if (size % WIDTH != 0 || tile.length != WIDTH * 32) {
      throw new IllegalStateException("a full tile can only be appended at a tile boundary");
    }
    if (levels.isEmpty()) {
      levels.add(newRow());
      widths.add(0);
    }
    completed.add(new FullTile(0, size / WIDTH, tile));
    push(1, root, completed);
    size += WIDTH;
  }

  /**
   * Returns the MTH of 256 leaf hashes (a perfect subtree of height 8).
   *
   * @param hashes 256 hashes
   * @return the root
   */
  public static byte[] perfectRoot(byte[][] hashes) {
    return perfectRoot(hashes, 0, hashes.length);
  }

  /** Adds a hash at {@code level}, carrying full tiles upwards; {@code size} is not yet updated. */
  private void push(int startLevel, byte[] hash, List<FullTile> completed) {
    byte[] carry = hash;
    int level = startLevel;
    long position = size;
    while (true) {
      if (levels.size() == level) {
        levels.add(newRow());
        widths.add(0);
      }
      byte[][][] sub = levels.get(level);
      int w = widths.get(level);
      sub[0][w] = carry;
      w++;
      for (int k = 1; k <= 8 && (w & ((1 << k) - 1)) == 0; k++) {
        int j = (w >> k) - 1;
        sub[k][j] = MerkleHash.nodeHash(sub[k - 1][2 * j], sub[k - 1][2 * j + 1]);
      }
      if (w < WIDTH) {
        widths.set(level, w);
        break;
      }
      long index = position / pow256(level + 1);
      completed.add(new FullTile(level, index, concat(sub[0], WIDTH)));
      carry = sub[8][0];
      levels.set(level, newRow());
      widths.set(level, 0);
      level++;
    }
  }

  private static byte[][][] newRow() {
    byte[][][] sub = new byte[9][][];
    for (int k = 0; k <= 8; k++) {
      sub[k] = new byte[WIDTH >> k][];
    }
    return sub;
  }

  /**
   * Returns the width of the partial tile at {@code level} (0 if none).
   *
   * @param level the tile level
   * @return 0-255
   */
  public int partialWidth(int level) {
    return level < widths.size() ? widths.get(level) : 0;
  }

  /**
   * Returns the number of levels that have ever held a hash.
   *
   * @return the level count
   */
  public int levelCount() {
    return levels.size();
  }

  /**
   * Returns the bytes of the partial tile at {@code level}.
   *
   * @param level the tile level
   * @return width * 32 bytes (empty if the level has no partial tile)
   */
  public byte[] partialTile(int level) {
    return level < levels.size() ? concat(levels.get(level)[0], widths.get(level)) : new byte[0];
  }

  /**
   * Returns the index of the partial tile at {@code level} for the current size.
   *
   * @param level the tile level
   * @return floor(size / 256^(level+1))
   */
  public long partialIndex(int level) {
    return size / pow256(level + 1);
  }

  /**
   * Returns the RFC 9162 root hash of the whole tree.
   *
   * @return 32 bytes; SHA-256 of the empty string for an empty tree
   */
  public byte[] root() {
    byte[] acc = null;
    for (int level = 0; level < levels.size(); level++) {
      byte[][][] sub = levels.get(level);
      int w = widths.get(level);
      // Perfect subtrees of this partial tile, from the rightmost (smallest) to the leftmost.
      int end = w;
      for (int bit = 0; bit < 9; bit++) {
        int span = 1 << bit;
        if ((w & span) != 0) {
          int start = end - span;
          byte[] block = sub[bit][start >> bit];
          acc = acc == null ? block : MerkleHash.nodeHash(block, acc);
          end = start;
        }
      }
    }
    return acc == null ? MerkleHash.emptyRoot() : acc;
  }

  /**
   * Returns the MTH of {@code count} (a power of two) consecutive hashes starting at {@code from}.
   *
   * @param hashes the hashes
   * @param from the first
   * @param count a power of two
   * @return the root of the perfect subtree
   */
  static byte[] perfectRoot(byte[][] hashes, int from, int count) {
    if (count == 1) {
      return hashes[from];
    }
    byte[][] layer = Arrays.copyOfRange(hashes, from, from + count);
    for (int n = count; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        layer[i] = MerkleHash.nodeHash(layer[2 * i], layer[2 * i + 1]);
      }
    }
    return layer[0];
  }

  private static byte[] concat(byte[][] hashes, int count) {
    byte[] out = new byte[count * 32];
    for (int i = 0; i < count; i++) {
      System.arraycopy(hashes[i], 0, out, i * 32, 32);
    }
    return out;
  }

  static long pow256(int exponent) {
    return 1L << (8 * exponent);
  }
}
