package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TokenBufferTest {
  static byte[] token(int i) {
    byte[] t = new byte[64];
    for (int j = 0; j < 4; j++) {
      t[j] = (byte) (i >>> (8 * j));
    }
    t[63] = (byte) 0xA5;
    return t;
  }

  @Test
  void iterator_acrossPages_returnsTokensInOrder() {
    TokenBuffer b = new TokenBuffer();
    int n = 16_384 * 2 + 5;
    for (int i = 0; i < n; i++) {
      b.add(token(i));
    }
    assertEquals(n, b.size());
    Iterator<byte[]> it = b.iterator();
    for (int i = 0; i < n; i++) {
      assertArrayEquals(token(i), it.next(), "token " + i);
    }
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void add_wrongLength_refused() {
    TokenBuffer b = new TokenBuffer();
    assertThrows(IllegalArgumentException.class, () -> b.add(new byte[32]));
    assertEquals(0, b.size());
  }

  @Test
  void add_copiesTheToken() {
    TokenBuffer b = new TokenBuffer();
    byte[] t = token(7);
    b.add(t);
    t[0] = 99;
    assertArrayEquals(token(7), b.iterator().next());
  }
}
