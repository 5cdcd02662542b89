package dev.parley.cleanroom.analysis;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An append-only list of 64-byte tokens packed into 1 MiB pages (no per-token object), from which
 * the consented subjects are loaded into the engine as a token set. Not thread-safe.
 */
final class TokenBuffer implements Iterable<byte[]> {
  /** The token length (RFC 9497 ristretto255-SHA512 Finalize output). */
  static final int TOKEN_BYTES = 64;

  private static final int PER_PAGE = 16_384;

  private final List<byte[]> pages = new ArrayList<>();
  private long size;

  /**
   * Appends a copy of a token.
   *
   * @param token 64 bytes
   * @throws IllegalArgumentException if the length is wrong
   */
  void add(byte[] token) {
    if (token.length != TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "token: must be " + TOKEN_BYTES + " bytes, got " + token.length);
    }
    int slot = (int) (size % PER_PAGE);
    if (slot == 0) {
      pages.add(new byte[PER_PAGE * TOKEN_BYTES]);
    }
    System.arraycopy(token, 0, pages.getLast(), slot * TOKEN_BYTES, TOKEN_BYTES);
    size++;
  }

  /**
   * Returns the number of tokens.
   *
   * @return the count
   */
  long size() {
    return size;
  }

  /**
   * Iterates over copies of the tokens in insertion order.
   *
   * @return an iterator
   */
  @Override
  public Iterator<byte[]> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public byte[] next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        byte[] page = pages.get((int) (next / PER_PAGE));
        int offset = (int) (next % PER_PAGE) * TOKEN_BYTES;
        next++;
        byte[] token = new byte[TOKEN_BYTES];
        System.arraycopy(page, offset, token, 0, TOKEN_BYTES);
        return token;
      }
    };
  }
}
