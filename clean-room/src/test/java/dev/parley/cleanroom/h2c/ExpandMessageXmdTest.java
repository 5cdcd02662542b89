package dev.parley.cleanroom.h2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.cleanroom.vectors.VectorFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9380 Appendix K.3 vectors and the composition rules of hash_to_ristretto255. */
class ExpandMessageXmdTest {
  private static final VectorFile VECTORS =
      VectorFile.load("/vectors/expand-message-xmd-sha512-rfc9380.txt");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void expand_rfc9380Vectors_matchK3() {
    List<VectorFile.Block> blocks = VECTORS.section("expand-message-xmd-sha512");
    byte[] dst = ascii(blocks.getFirst().get("dst"));
    List<VectorFile.Block> tests = blocks.subList(1, blocks.size());
    assertEquals(10, tests.size());
    for (VectorFile.Block b : tests) {
      int len = Integer.parseInt(b.get("len_in_bytes"));
      assertArrayEquals(
          b.hex("uniform_bytes"),
          ExpandMessageXmd.expand(ascii(b.get("msg")), dst, len),
          b.toString());
    }
  }

  @Test
  void expand_outputLengthNotMultipleOf64_isPrefixOfLonger() {
    byte[] dst = ascii("test-DST");
    byte[] msg = ascii("msg");
    byte[] long200 = ExpandMessageXmd.expand(msg, dst, 200);
    assertEquals(200, long200.length);
    // The length is part of msg_prime, so shorter outputs are not prefixes of longer ones.
    assertNotEquals(
        java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(long200, 64)),
        java.util.HexFormat.of().formatHex(ExpandMessageXmd.expand(msg, dst, 64)));
  }

  @Test
  void expand_outOfRangeArguments_rejected() {
    byte[] msg = new byte[0];
    assertThrows(
        IllegalArgumentException.class, () -> ExpandMessageXmd.expand(msg, new byte[256], 32));
    assertThrows(
        IllegalArgumentException.class, () -> ExpandMessageXmd.expand(msg, new byte[0], 32));
    assertThrows(
        IllegalArgumentException.class, () -> ExpandMessageXmd.expand(msg, new byte[1], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ExpandMessageXmd.expand(msg, new byte[1], 255 * 64 + 1));
    assertEquals(255 * 64, ExpandMessageXmd.expand(msg, new byte[255], 255 * 64).length);
  }

  @Test
  void hashToGroupAndScalar_composeExpandWithMapAndWideReduction() {
    byte[] dst = ascii("HashToGroup-test");
    byte[] msg = ascii("alice@example.com");
    assertEquals(
        RistrettoElement.fromUniformBytes(ExpandMessageXmd.expand(msg, dst, 64)),
        HashToRistretto255.hashToGroup(msg, dst));
    assertEquals(
        Scalar.fromBytesWide(ExpandMessageXmd.expand(msg, dst, 64)),
        HashToRistretto255.hashToScalar(msg, dst));
    assertNotEquals(
        HashToRistretto255.hashToGroup(msg, dst),
        HashToRistretto255.hashToGroup(msg, ascii("other")));
  }
}
