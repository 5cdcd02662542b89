package dev.parley.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {
  private static byte[] leaf(int i) {
    return NaiveMerkle.leaf(new byte[] {(byte) i});
  }

  @Test
  void append_fourthLeaf_reportsLeafThenEachCompletedNode() {
    CompactRange range = new CompactRange();
    for (int i = 0; i < 3; i++) {
      range.append(leaf(i));
    }
    List<String> events = new ArrayList<>();
    List<byte[]> hashes = new ArrayList<>();
    range.append(
        leaf(3),
        (level, index, hash) -> {
          events.add(level + "/" + index);
          hashes.add(hash);
        });
    assertEquals(List.of("0/3", "1/1", "2/0"), events);
    assertArrayEquals(leaf(3), hashes.get(0));
    assertArrayEquals(NaiveMerkle.node(leaf(2), leaf(3)), hashes.get(1));
    assertArrayEquals(range.root(), hashes.get(2));
    assertEquals(List.of(new SubtreeHash(2, 0, range.root())), range.border());
  }

  @Test
  void append_callerMutatesArrays_treeUnchanged() {
    CompactRange range = new CompactRange();
    byte[] l0 = leaf(0);
    List<byte[]> reported = new ArrayList<>();
    range.append(l0, (level, index, hash) -> reported.add(hash));
    byte[] before = range.root();
    l0[0] ^= 1;
    reported.get(0)[0] ^= 1;
    assertArrayEquals(before, range.root());
  }

  @Test
  void append_wrongLengthLeaf_rejected() {
    CompactRange range = new CompactRange();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> range.append(new byte[31]));
    assertEquals("leafHash: must be 32 bytes, got 31", e.getMessage());
    assertEquals(0, range.size());
  }

  @Test
  void restore_invalidInput_rejected() {
    assertEquals(
        "size: must be non-negative, got -1",
        assertThrows(
                IllegalArgumentException.class, () -> CompactRange.restore(-1, (l, i) -> leaf(0)))
            .getMessage());
    assertEquals(
        "stored hash (1, 0): must be 32 bytes, got 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> CompactRange.restore(2, (l, i) -> new byte[3]))
            .getMessage());
  }

  @Test
  void restore_sizeSix_readsOneHashPerBorderSubtree() {
    List<String> asked = new ArrayList<>();
    CompactRange r =
        CompactRange.restore(
            6,
            (level, index) -> {
              asked.add(level + "/" + index);
              return leaf(level);
            });
    assertEquals(List.of("2/0", "1/2"), asked);
    assertArrayEquals(NaiveMerkle.node(leaf(2), leaf(1)), r.root());
    assertEquals("CompactRange[size=6]", r.toString());
  }

  @Test
  void subtreeHash_validatesAndCopies() {
    byte[] h = leaf(0);
    SubtreeHash s = new SubtreeHash(3, 5, h);
    h[0] ^= 1;
    assertNotEquals(h[0], s.hash()[0]);
    assertEquals(40, s.firstLeaf());
    assertThrows(IllegalArgumentException.class, () -> new SubtreeHash(63, 0, leaf(0)));
    assertThrows(IllegalArgumentException.class, () -> new SubtreeHash(0, -1, leaf(0)));
    assertThrows(IllegalArgumentException.class, () -> new SubtreeHash(0, 0, new byte[1]));
    assertThrows(ArithmeticException.class, () -> new SubtreeHash(62, 4, leaf(0)).firstLeaf());
  }
}
