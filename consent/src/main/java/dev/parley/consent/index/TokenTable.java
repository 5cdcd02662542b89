package dev.parley.consent.index;

import dev.parley.consent.model.SubjectToken;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A compact hash table from subject tokens (or other keys of 1-64 bytes, such as commitments) to
 * dense integer ids (0, 1, 2, ...), for millions of tokens without one object per token. Not
 * thread-safe: its owner guards it.
 *
 * <p>Keys live in one byte arena of {@value SubjectToken#MAX_BYTES}-byte strides indexed by id; the
 * table is open addressing with linear probing over {@code int} cells holding {@code id + 1}
 * ({@code 0} empty, {@code -1} removed). Ids are never reused: a removed token's id stays dead, and
 * {@link #skipId()} consumes an id with no token (used to keep ids aligned with file slots).
 */
public final class TokenTable {
  private static final int STRIDE = SubjectToken.MAX_BYTES;
  private static final int EMPTY = 0;
  private static final int REMOVED = -1;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private int[] cells;
  private byte[] keys;
  private byte[] lengths;
  private int nextId;
  private int live;
  private int used;

  /**
   * Creates an empty table sized for about {@code expected} tokens.
   *
   * @param expected the expected number of tokens (0 or more)
   */
  public TokenTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    cells = new int[cap];
    int ids = Math.max(16, expected);
    keys = new byte[ids * STRIDE];
    lengths = new byte[ids];
  }

  /**
   * Returns the id of a token.
   *
   * @param token the token
   * @return its id, or -1 if absent
   */
  public int get(SubjectToken token) {
    byte[] b = token.bytes();
    return find(b, hash(b));
  }

  /**
   * Returns the id of a token given as raw bytes (no copy).
   *
   * @param token 1-64 bytes
   * @return its id, or -1 if absent
   */
  public int get(byte[] token) {
    return find(token, hash(token));
  }

  /**
   * Returns the id of a token, adding it if absent.
   *
   * @param token the token
   * @return its id
   */
  public int getOrAdd(SubjectToken token) {
    return getOrAdd(token.bytes());
  }

  /**
   * Returns the id of a key given as raw bytes, adding a copy if absent.
   *
   * @param b 1-64 bytes
   * @return its id
   */
  public int getOrAdd(byte[] b) {
    if (b.length == 0 || b.length > STRIDE) {
      throw new IllegalArgumentException("key: must be 1-" + STRIDE + " bytes, got " + b.length);
    }
    int h = hash(b);
    int id = find(b, h);
    return id >= 0 ? id : insert(b, h);
  }

  /**
   * Consumes the next id without a token.
   *
   * @return the consumed id
   */
  public int skipId() {
    ensureIds(nextId + 1);
    return nextId++;
  }

  /**
   * Removes a token; its id is not reused.
   *
   * @param token the token
   * @return its former id, or -1 if it was absent
   */
  public int remove(SubjectToken token) {
    byte[] b = token.bytes();
    int mask = cells.length - 1;
    for (int i = hash(b) & mask; ; i = (i + 1) & mask) {
      int c = cells[i];
      if (c == EMPTY) {
        return -1;
      }
      if (c > 0 && keyEquals(c - 1, b)) {
        cells[i] = REMOVED;
        live--;
        lengths[c - 1] = 0;
        return c - 1;
      }
    }
  }

  /**
   * Returns the token with an id.
   *
   * @param id an id
   * @return the token, or null if the id is dead or unassigned
   */
  public SubjectToken token(int id) {
    if (id < 0 || id >= nextId || lengths[id] == 0) {
      return null;
    }
    return SubjectToken.of(Arrays.copyOfRange(keys, id * STRIDE, id * STRIDE + lengths[id]));
  }

  /**
   * Copies the token with an id into a buffer if it is live and has the given length.
   *
   * @param id an id
   * @param dst the buffer
   * @param offset where to copy to
   * @param length the length wanted
   * @return true if copied; false if the id is dead or unassigned or its token has another length
   */
  public boolean copyKey(int id, byte[] dst, int offset, int length) {
    if (id < 0 || id >= nextId || lengths[id] != length) {
      return false;
    }
    System.arraycopy(keys, id * STRIDE, dst, offset, length);
    return true;
  }

  /**
   * Returns the number of live tokens.
   *
   * @return the count
   */
  public int size() {
    return live;
  }

  /**
   * Returns one more than the largest id ever assigned.
   *
   * @return the id limit
   */
  public int idLimit() {
    return nextId;
  }

  private int find(byte[] b, int h) {
    int mask = cells.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int c = cells[i];
      if (c == EMPTY) {
        return -1;
      }
      if (c > 0 && keyEquals(c - 1, b)) {
        return c - 1;
      }
    }
  }

  private int insert(byte[] b, int h) {
    if ((used + 1) * 2 > cells.length) {
      rehash(live + 1 > cells.length / 4 ? cells.length * 2 : cells.length);
    }
    ensureIds(nextId + 1);
    int id = nextId++;
    System.arraycopy(b, 0, keys, id * STRIDE, b.length);
    lengths[id] = (byte) b.length;
    place(id, h);
    live++;
    used++;
    return id;
  }

  private void place(int id, int h) {
    int mask = cells.length - 1;
    int i = h & mask;
    while (cells[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    cells[i] = id + 1;
  }

  private void rehash(int capacity) {
    int[] old = cells;
    cells = new int[capacity];
    used = 0;
    for (int c : old) {
      if (c > 0) {
        int id = c - 1;
        place(id, hashAt(id));
        used++;
      }
    }
  }

  private void ensureIds(int n) {
    if (n > lengths.length) {
      int cap = Math.max(n, lengths.length * 2);
      keys = Arrays.copyOf(keys, cap * STRIDE);
      lengths = Arrays.copyOf(lengths, cap);
    }
  }

  private boolean keyEquals(int id, byte[] b) {
    return lengths[id] == b.length
        && Arrays.equals(keys, id * STRIDE, id * STRIDE + b.length, b, 0, b.length);
  }

  private int hashAt(int id) {
    return hash(Arrays.copyOfRange(keys, id * STRIDE, id * STRIDE + lengths[id]));
  }

  /** Mixes every byte of the token (tokens are OPRF outputs, but inputs are not trusted). */
  private static int hash(byte[] b) {
    long h = 0x9E3779B97F4A7C15L ^ b.length;
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    for (; i < b.length; i++) {
      h = (h ^ (b[i] & 0xFF)) * 0x94D049BB133111EBL;
    }
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) h;
  }
}
