package dev.parley.cleanroom.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the batched Montgomery ladder with the signed-window multiplication of {@link
 * SignedRadix16} (itself checked against the reference model in {@link FastVsReferenceTest}): the
 * ladder must return exactly the same Edwards point, not just the same ristretto255 element, for
 * random points, points shifted by every 4-torsion point, and scalars at the edges of [0, l).
 */
class MontgomeryLadderTest {
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  /** The four points of order dividing 4: (0, 1), (0, -1), (sqrt(-1), 0), (-sqrt(-1), 0). */
  private static List<EdwardsPoint> fourTorsion() {
    long[] minusOne = Field25519.zero();
    Field25519.neg(Field25519.one(), minusOne);
    long[] minusI = Field25519.zero();
    Field25519.neg(RistrettoCodec.SQRT_M1, minusI);
    return List.of(
        EdwardsPoint.identity(),
        new EdwardsPoint(Field25519.zero(), minusOne, Field25519.one(), Field25519.zero()),
        new EdwardsPoint(
            RistrettoCodec.SQRT_M1.clone(), Field25519.zero(), Field25519.one(), Field25519.zero()),
        new EdwardsPoint(minusI, Field25519.zero(), Field25519.one(), Field25519.zero()));
  }

  private static byte[] scalarBytes(BigInteger k) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = k.shiftRight(8 * i).byteValue();
    }
    return out;
  }

  /** Projective equality; (0 : 0 : 0), which would equal everything, is never a point. */
  private static boolean samePoint(EdwardsPoint a, EdwardsPoint b) {
    return Field25519.isZero(a.z) == 0
        && Field25519.isZero(b.z) == 0
        && Field25519.equal(cross(a.x, b.z), cross(b.x, a.z)) == 1
        && Field25519.equal(cross(a.y, b.z), cross(b.y, a.z)) == 1;
  }

  private static long[] cross(long[] f, long[] g) {
    long[] z = Field25519.zero();
    Field25519.mul(f, g, z);
    return z;
  }

  private static List<EdwardsPoint> points(Random rnd, int n) {
    List<EdwardsPoint> out = new ArrayList<>();
    byte[] uniform = new byte[64];
    for (int i = 0; i < n; i++) {
      rnd.nextBytes(uniform);
      out.add(RistrettoElement.fromUniformBytes(uniform).point());
    }
    return out;
  }

  private static void assertMatchesWindow(List<EdwardsPoint> in, BigInteger k, String what) {
    byte[] kBytes = scalarBytes(k);
    EdwardsPoint[] out = MontgomeryLadder.multiply(in.toArray(EdwardsPoint[]::new), kBytes);
    assertEquals(in.size(), out.length);
    byte[] digits = SignedRadix16.recode(kBytes);
    for (int i = 0; i < in.size(); i++) {
      EdwardsPoint expected = SignedRadix16.multiply(in.get(i), digits);
      assertTrue(samePoint(expected, out[i]), what + ", point " + i + ": same Edwards point");
    }
  }

  @Test
  void multiply_randomPointsAndScalars_returnsExactlyTheWindowResult() {
    Random rnd = new Random(7748);
    for (int round = 0; round < 40; round++) {
      byte[] wide = new byte[64];
      rnd.nextBytes(wide);
      BigInteger k = new BigInteger(1, reverse(Scalar.fromBytesWide(wide).toBytes()));
      assertMatchesWindow(points(rnd, 1 + round % 9), k, "round " + round);
    }
  }

  @Test
  void multiply_edgeScalars_returnsExactlyTheWindowResult() {
    Random rnd = new Random(1);
    List<EdwardsPoint> in = points(rnd, 6);
    for (BigInteger k :
        List.of(
            BigInteger.ONE,
            BigInteger.TWO,
            BigInteger.valueOf(3),
            BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(252),
            L.subtract(BigInteger.TWO),
            L.subtract(BigInteger.valueOf(3)))) {
      assertMatchesWindow(in, k, "k = " + k);
    }
  }

  @Test
  void multiply_pointsShiftedByFourTorsion_returnsExactlyTheWindowResult() {
    Random rnd = new Random(4);
    List<EdwardsPoint> in = new ArrayList<>();
    for (EdwardsPoint p : points(rnd, 3)) {
      for (EdwardsPoint t : fourTorsion()) {
        in.add(p.plus(t));
      }
    }
    byte[] wide = new byte[64];
    rnd.nextBytes(wide);
    BigInteger k = new BigInteger(1, reverse(Scalar.fromBytesWide(wide).toBytes()));
    assertMatchesWindow(in, k, "shifted points");
    assertMatchesWindow(in, L.subtract(BigInteger.TWO), "shifted points, k = l - 2");
  }

  @Test
  void multiply_inputsAndResultsInTheIdentityCoset_giveTheIdentityWithoutSpoilingOthers() {
    Random rnd = new Random(9);
    List<EdwardsPoint> in = new ArrayList<>(fourTorsion());
    List<EdwardsPoint> random = points(rnd, 2);
    in.add(1, random.get(0));
    in.add(random.get(1));
    BigInteger k = BigInteger.valueOf(123456789);
    EdwardsPoint[] out = MontgomeryLadder.multiply(in.toArray(EdwardsPoint[]::new), scalarBytes(k));
    byte[] digits = SignedRadix16.recode(scalarBytes(k));
    for (int i = 0; i < in.size(); i++) {
      EdwardsPoint expected = SignedRadix16.multiply(in.get(i), digits);
      assertTrue(RistrettoCodec.elementsEqual(expected, withT(out[i])), "element " + i);
    }
    assertTrue(samePoint(EdwardsPoint.identity(), out[0]), "identity in, identity out");
    assertTrue(samePoint(SignedRadix16.multiply(random.get(0), digits), out[1]), "neighbour");
    EdwardsPoint[] zero =
        MontgomeryLadder.multiply(random.toArray(EdwardsPoint[]::new), new byte[32]);
    for (EdwardsPoint q : zero) {
      assertTrue(samePoint(EdwardsPoint.identity(), q), "0 * P is the identity");
    }
    assertEquals(0, MontgomeryLadder.multiply(new EdwardsPoint[0], scalarBytes(k)).length);
  }

  @Test
  void multiply_scalarLMinusOne_returnsMinusPWhereTheRecoveryWouldDivideByZero() {
    // (l - 1) P + P is the point at infinity for P of order l: the masked move sets kP = -P.
    Random rnd = new Random(12);
    List<EdwardsPoint> in = new ArrayList<>();
    for (EdwardsPoint p : points(rnd, 4)) {
      in.add(p.doubled().doubled().doubled()); // 8P has order l
      in.add(p);
    }
    in.add(in.get(0).plus(fourTorsion().get(2)));
    in.add(fourTorsion().get(1));
    assertMatchesWindow(in, L.subtract(BigInteger.ONE), "k = l - 1");
  }

  @Test
  void multiplyAndEncode_keyWhoseHalfIsMinusOne_matchesMultiply() {
    // k = -2 makes k/2 = l - 1 in ScalarMultiplier.multiplyAndEncode.
    Scalar k = Scalar.of(2).negate();
    Random rnd = new Random(12);
    List<RistrettoElement> elements = new ArrayList<>();
    byte[] uniform = new byte[64];
    for (int i = 0; i < 5; i++) {
      rnd.nextBytes(uniform);
      elements.add(RistrettoElement.fromUniformBytes(uniform));
    }
    List<byte[]> encoded = ScalarMultiplier.of(k).multiplyAndEncode(elements);
    for (int i = 0; i < elements.size(); i++) {
      assertArrayEquals(elements.get(i).multiply(k).encode(), encoded.get(i), "element " + i);
      assertArrayEquals(
          elements.get(i).negate().twice().encode(), encoded.get(i), "-2P, element " + i);
    }
  }

  @Test
  void sqrtM486664_squaresToMinus486664() {
    long[] square = Field25519.zero();
    Field25519.sqr(MontgomeryLadder.SQRT_M486664, square);
    assertEquals(BigInteger.valueOf(-486664).mod(Field25519.P), Field25519.toBigInteger(square));
  }

  private static EdwardsPoint withT(EdwardsPoint p) {
    // (X : Y : Z) -> (XZ : YZ : Z^2 : XY), the same point with T = XY/Z
    return new EdwardsPoint(cross(p.x, p.z), cross(p.y, p.z), cross(p.z, p.z), cross(p.x, p.y));
  }

  private static byte[] reverse(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return be;
  }
}
