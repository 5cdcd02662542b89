package dev.parley.cleanroom.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Group laws and a naive double-and-add reference for ristretto255, on seeded random scalars and
 * elements.
 */
class RistrettoPropertyTest {
  private static final int ITERATIONS = 2000;

  private static Scalar randomScalar(Random rnd) {
    byte[] wide = new byte[64];
    rnd.nextBytes(wide);
    return Scalar.fromBytesWide(wide);
  }

  private static RistrettoElement randomElement(Random rnd) {
    byte[] uniform = new byte[64];
    rnd.nextBytes(uniform);
    return RistrettoElement.fromUniformBytes(uniform);
  }

  /** The naive reference: most-significant-bit-first double-and-add over the public API. */
  private static RistrettoElement naiveMultiply(RistrettoElement p, Scalar k) {
    BigInteger v = new BigInteger(1, reverse(k.toBytes()));
    RistrettoElement acc = RistrettoElement.identity();
    for (int i = v.bitLength() - 1; i >= 0; i--) {
      acc = acc.add(acc);
      if (v.testBit(i)) {
        acc = acc.add(p);
      }
    }
    return acc;
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  @Test
  void groupLaws_randomElementsAndScalars_hold() {
    Random rnd = new Random(20240601);
    for (int i = 0; i < ITERATIONS; i++) {
      RistrettoElement p = randomElement(rnd);
      RistrettoElement q = randomElement(rnd);
      RistrettoElement r = randomElement(rnd);
      Scalar a = randomScalar(rnd);
      Scalar b = randomScalar(rnd);
      String at = "iteration " + i;
      assertEquals(p.add(q).add(r), p.add(q.add(r)), at + ": associativity");
      assertEquals(p.add(q), q.add(p), at + ": commutativity");
      assertEquals(p, p.add(RistrettoElement.identity()), at + ": identity");
      assertTrue(p.add(p.negate()).isIdentity(), at + ": inverse");
      assertEquals(p.add(p), p.twice(), at + ": doubling");
      assertEquals(p.multiply(a.add(b)), p.multiply(a).add(p.multiply(b)), at + ": (a+b)P");
      assertEquals(p.multiply(a.multiply(b)), p.multiply(b).multiply(a), at + ": (ab)P");
      byte[] encoding = p.add(q).encode();
      RistrettoElement decoded = RistrettoElement.decode(encoding);
      assertArrayEquals(encoding, decoded.encode(), at + ": encode/decode round trip");
      assertEquals(p.add(q), decoded, at + ": decoded equals original");
      assertEquals(p.add(q).hashCode(), decoded.hashCode(), at + ": hashCode");
    }
  }

  @Test
  void multiply_randomScalars_matchesNaiveDoubleAndAdd() {
    Random rnd = new Random(42);
    for (int i = 0; i < 300; i++) {
      RistrettoElement p = i % 3 == 0 ? RistrettoElement.generator() : randomElement(rnd);
      Scalar k =
          switch (i % 4) {
            case 0 -> Scalar.of(rnd.nextInt(1 << 16));
            case 1 -> Scalar.ZERO.subtract(Scalar.of(1 + rnd.nextInt(1000)));
            default -> randomScalar(rnd);
          };
      assertEquals(naiveMultiply(p, k), p.multiply(k), "iteration " + i);
    }
  }

  @Test
  void multiply_edgeScalars_behaveAsGroupOrderImplies() {
    Random rnd = new Random(3);
    for (int i = 0; i < 50; i++) {
      RistrettoElement p = randomElement(rnd);
      assertTrue(p.multiply(Scalar.ZERO).isIdentity());
      assertEquals(p, p.multiply(Scalar.ONE));
      // (l - 1) P = -P, so l P = identity.
      Scalar minusOne = Scalar.ZERO.subtract(Scalar.ONE);
      assertEquals(p.negate(), p.multiply(minusOne));
      assertTrue(p.multiply(minusOne).add(p).isIdentity());
      assertTrue(RistrettoElement.identity().multiply(randomScalar(rnd)).isIdentity());
    }
  }

  @Test
  void subtractAndEquality_distinctElements_notEqual() {
    Random rnd = new Random(11);
    RistrettoElement p = randomElement(rnd);
    RistrettoElement q = randomElement(rnd);
    assertNotEquals(p, q);
    assertEquals(p, p.add(q).subtract(q));
    assertNotEquals(p, p.negate());
    assertEquals("RistrettoElement[redacted]", p.toString());
  }
}
