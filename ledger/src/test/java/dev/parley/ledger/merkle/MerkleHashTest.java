package dev.parley.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MerkleHashTest {
  private static final byte[] DATA = "transparency".getBytes(StandardCharsets.UTF_8);

  @Test
  void emptyRoot_isSha256OfEmptyString_andAFreshCopy() {
    byte[] root = MerkleHash.emptyRoot();
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(root));
    root[0] ^= 1;
    assertArrayEquals(NaiveMerkle.sha256(), MerkleHash.emptyRoot());
  }

  @Test
  void leafAndNodeHash_matchPrefixedSha256() {
    assertArrayEquals(NaiveMerkle.leaf(DATA), MerkleHash.leafHash(DATA));
    byte[] l = MerkleHash.leafHash(new byte[0]);
    byte[] r = MerkleHash.leafHash(DATA);
    assertArrayEquals(NaiveMerkle.node(l, r), MerkleHash.nodeHash(l, r));
    assertEquals(MerkleHash.HASH_SIZE, l.length);
  }

  @Test
  void leafHash_rangeOfBuffer_equalsHashOfCopy() {
    byte[] buffer = new byte[DATA.length + 7];
    System.arraycopy(DATA, 0, buffer, 3, DATA.length);
    assertArrayEquals(MerkleHash.leafHash(DATA), MerkleHash.leafHash(buffer, 3, DATA.length));
  }

  @Test
  void leafHash_badRange_throwsAndLeavesDigestClean() {
    assertThrows(IndexOutOfBoundsException.class, () -> MerkleHash.leafHash(DATA, 5, DATA.length));
    assertArrayEquals(NaiveMerkle.leaf(DATA), MerkleHash.leafHash(DATA));
  }

  @Test
  void digestOverloads_dirtyDigest_resetBeforeUse() {
    MessageDigest md = MerkleHash.newDigest();
    md.update(DATA);
    assertArrayEquals(NaiveMerkle.leaf(DATA), MerkleHash.leafHash(md, DATA, 0, DATA.length));
    md.update(DATA);
    byte[] l = MerkleHash.leafHash(DATA);
    assertArrayEquals(NaiveMerkle.node(l, l), MerkleHash.nodeHash(md, l, l));
  }

  @Test
  void leafHash_manyThreads_agree() throws InterruptedException {
    byte[][] results = new byte[8][];
    Thread[] threads = new Thread[results.length];
    for (int t = 0; t < threads.length; t++) {
      int slot = t;
      threads[t] =
          new Thread(
              () -> {
                byte[] h = null;
                for (int i = 0; i < 2000; i++) {
                  h = MerkleHash.nodeHash(MerkleHash.leafHash(DATA), MerkleHash.leafHash(DATA));
                }
                results[slot] = h;
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    byte[] expected = NaiveMerkle.node(NaiveMerkle.leaf(DATA), NaiveMerkle.leaf(DATA));
    Arrays.stream(results).forEach(h -> assertArrayEquals(expected, h));
  }
}
