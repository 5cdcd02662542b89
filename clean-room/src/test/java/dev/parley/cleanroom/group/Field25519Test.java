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
 * Compares {@link Field25519} with BigInteger arithmetic mod p on random and edge-case inputs,
 * including the largest limbs each operation's input bound allows.
 */
class Field25519Test {
  private static final BigInteger P = Field25519.P;
  private static final long M51 = (1L << 51) - 1;
  private static final long REDUCED_LIMIT = (1L << 51) + (1L << 11);
  private static final long LOOSE_MAX = (1L << 53) - 1;
  private static final int ITERATIONS = 3000;

  /** The value of raw limbs, which may be loosely reduced (not below p). */
  private static BigInteger raw(long[] f) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(51).add(BigInteger.valueOf(f[i]));
    }
    return v;
  }

  /** Random reduced elements (limbs up to the reduced bound), zero, one, p - 1, p, p + 1. */
  private static List<long[]> samples(Random rnd) {
    return samples(rnd, REDUCED_LIMIT - 1);
  }

  /** Random elements with limbs up to max, plus zero, one, p - 1, p, p + 1 and all-max limbs. */
  private static List<long[]> samples(Random rnd, long max) {
    List<long[]> out = new ArrayList<>();
    out.add(Field25519.zero());
    out.add(Field25519.one());
    out.add(Field25519.fromBigInteger(P.subtract(BigInteger.ONE)));
    out.add(new long[] {M51 - 18, M51, M51, M51, M51}); // p itself, unreduced
    out.add(new long[] {M51 - 17, M51, M51, M51, M51}); // p + 1, unreduced
    out.add(new long[] {M51, M51, M51, M51, M51}); // 2^255 - 1
    out.add(new long[] {max, max, max, max, max}); // the largest value the bound allows
    for (int i = 0; i < ITERATIONS; i++) {
      long[] f = new long[5];
      for (int j = 0; j < 5; j++) {
        f[j] =
            switch (rnd.nextInt(8)) {
              case 0 -> 0;
              case 1 -> max;
              case 2 -> M51;
              case 3 -> max - rnd.nextInt(1 << 12);
              default -> rnd.nextLong() & M51;
            };
      }
      out.add(f);
    }
    return out;
  }

  private static void assertValue(BigInteger expected, long[] actual, String what) {
    for (long limb : actual) {
      if (limb < 0 || limb >= REDUCED_LIMIT) {
        throw new AssertionError(what + ": limb outside the reduced bound: " + limb);
      }
    }
    assertEquals(expected.mod(P), Field25519.toBigInteger(actual), what);
    assertEquals(expected.mod(P), raw(actual).mod(P), what + " (raw limbs)");
  }

  @Test
  void arithmetic_randomAndEdgeInputs_matchesBigInteger() {
    Random rnd = new Random(25519);
    List<long[]> xs = samples(rnd);
    for (int i = 0; i < xs.size(); i++) {
      long[] a = xs.get(i);
      long[] b = xs.get((i * 7 + 3) % xs.size());
      BigInteger va = raw(a);
      BigInteger vb = raw(b);
      long[] z = Field25519.zero();
      Field25519.add(a, b, z);
      assertValue(va.add(vb), z, "add #" + i);
      Field25519.sub(a, b, z);
      assertValue(va.subtract(vb), z, "sub #" + i);
      Field25519.neg(a, z);
      assertValue(va.negate(), z, "neg #" + i);
      Field25519.mul(a, b, z);
      assertValue(va.multiply(vb), z, "mul #" + i);
      Field25519.sqr(a, z);
      assertValue(va.multiply(va), z, "sqr #" + i);
    }
  }

  @Test
  void carryingOperations_looseInputsUpToBound_matchBigInteger() {
    Random rnd = new Random(53);
    List<long[]> xs = samples(rnd, LOOSE_MAX);
    for (int i = 0; i < xs.size(); i++) {
      long[] a = xs.get(i);
      long[] b = xs.get((i * 11 + 5) % xs.size());
      BigInteger va = raw(a);
      BigInteger vb = raw(b);
      long[] z = Field25519.zero();
      Field25519.mul(a, b, z);
      assertValue(va.multiply(vb), z, "loose mul #" + i);
      Field25519.sqr(a, z);
      assertValue(va.multiply(va), z, "loose sqr #" + i);
      Field25519.add(a, b, z);
      assertValue(va.add(vb), z, "loose add #" + i);
      Field25519.sub(a, b, z);
      assertValue(va.subtract(vb), z, "loose sub #" + i);
      Field25519.neg(a, z);
      assertValue(va.negate(), z, "loose neg #" + i);
      assertEquals(va.mod(P), Field25519.toBigInteger(a), "loose toBytes #" + i);
    }
  }

  @Test
  void addLooseSubLooseSumAndDifference_reducedInputs_stayBelowLooseBoundAndMultiplyCorrectly() {
    Random rnd = new Random(5);
    List<long[]> xs = samples(rnd);
    for (int i = 0; i < xs.size(); i++) {
      long[] a = xs.get(i);
      long[] b = xs.get((i * 13 + 1) % xs.size());
      long[] sum = Field25519.zero();
      long[] diff = Field25519.zero();
      Field25519.addLoose(a, b, sum);
      Field25519.subLoose(a, b, diff);
      long[] sum2 = b.clone();
      long[] diff2 = a.clone();
      Field25519.sumAndDifference(a, b, sum2, diff2); // aliased outputs
      assertArrayEquals(sum, sum2, "sumAndDifference sum #" + i);
      assertArrayEquals(diff, diff2, "sumAndDifference diff #" + i);
      for (int j = 0; j < 5; j++) {
        assertTrue(sum[j] >= 0 && sum[j] <= LOOSE_MAX, "addLoose limb " + j + " #" + i);
        assertTrue(diff[j] >= 0 && diff[j] <= LOOSE_MAX, "subLoose limb " + j + " #" + i);
      }
      BigInteger s = raw(a).add(raw(b));
      BigInteger d = raw(a).subtract(raw(b));
      assertEquals(s.mod(P), raw(sum).mod(P), "addLoose #" + i);
      assertEquals(d.mod(P), raw(diff).mod(P), "subLoose #" + i);
      long[] z = Field25519.zero();
      Field25519.mul(sum, diff, z);
      assertValue(s.multiply(d), z, "mul of loose results #" + i);
    }
  }

  @Test
  void sqr4_inputsUpToTheirBounds_matchesFourSeparateSquares() {
    Random rnd = new Random(4);
    long sumInputMax = (1L << 52) - 1; // x and y: x + y must stay below 2^53
    List<long[]> xs = samples(rnd, sumInputMax);
    List<long[]> zs = samples(rnd, LOOSE_MAX);
    for (int i = 0; i < xs.size(); i++) {
      long[] x = xs.get(i);
      long[] y = xs.get((i * 17 + 2) % xs.size());
      long[] z = zs.get((i * 5 + 3) % zs.size());
      long[] a = Field25519.zero();
      long[] b = Field25519.zero();
      long[] c = Field25519.zero();
      long[] s = Field25519.zero();
      Field25519.sqr4(x, y, z, a, b, c, s);
      BigInteger vx = raw(x);
      BigInteger vy = raw(y);
      BigInteger vz = raw(z);
      assertValue(vx.multiply(vx), a, "sqr4 x^2 #" + i);
      assertValue(vy.multiply(vy), b, "sqr4 y^2 #" + i);
      assertValue(vz.multiply(vz), c, "sqr4 z^2 #" + i);
      assertValue(vx.add(vy).pow(2), s, "sqr4 (x+y)^2 #" + i);
      long[] viaSqr = Field25519.zero();
      Field25519.sqr(z, viaSqr);
      assertArrayEquals(viaSqr, c, "sqr4 z^2 limbs equal sqr #" + i);
    }
  }

  @Test
  void subFromTwice_reducedMinusLooseUpToBounds_matchesBigInteger() {
    Random rnd = new Random(8);
    List<long[]> as = samples(rnd);
    List<long[]> bs = samples(rnd, LOOSE_MAX);
    for (int i = 0; i < as.size(); i++) {
      long[] a = as.get(i);
      long[] b = bs.get((i * 7 + 4) % bs.size());
      long[] z = Field25519.zero();
      Field25519.subFromTwice(a, b, z);
      assertValue(raw(a).shiftLeft(1).subtract(raw(b)), z, "subFromTwice #" + i);
    }
  }

  @Test
  void negLoose_reducedInputs_isLooseNegationThatMultipliesCorrectly() {
    Random rnd = new Random(6);
    List<long[]> xs = samples(rnd);
    for (int i = 0; i < xs.size(); i++) {
      long[] a = xs.get(i);
      long[] n = Field25519.zero();
      Field25519.negLoose(a, n);
      for (int j = 0; j < 5; j++) {
        assertTrue(n[j] >= 0 && n[j] <= LOOSE_MAX, "negLoose limb " + j + " #" + i);
      }
      assertEquals(raw(a).negate().mod(P), raw(n).mod(P), "negLoose #" + i);
      long[] b = xs.get((i * 3 + 1) % xs.size());
      long[] z = Field25519.zero();
      Field25519.mul(b, n, z);
      assertValue(raw(b).multiply(raw(a)).negate(), z, "mul by negLoose #" + i);
    }
  }

  @Test
  void mul_aliasedOutput_matchesBigInteger() {
    Random rnd = new Random(1);
    for (long[] a : samples(rnd).subList(0, 200)) {
      BigInteger va = raw(a);
      long[] z = a.clone();
      Field25519.mul(z, z, z);
      assertValue(va.multiply(va), z, "mul aliased");
    }
  }

  @Test
  void invertAndPow22523_randomInputs_matchBigInteger() {
    Random rnd = new Random(7);
    BigInteger e22523 = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
    for (long[] a : samples(rnd).subList(0, 300)) {
      BigInteger va = raw(a).mod(P);
      long[] z = Field25519.zero();
      Field25519.invert(a, z);
      assertValue(va.signum() == 0 ? BigInteger.ZERO : va.modInverse(P), z, "invert");
      Field25519.pow22523(a, z);
      assertValue(va.modPow(e22523, P), z, "pow22523");
    }
  }

  @Test
  void toBytes_randomInputs_isCanonicalLittleEndian() {
    Random rnd = new Random(3);
    for (long[] a : samples(rnd)) {
      BigInteger v = raw(a).mod(P);
      byte[] expected = new byte[32];
      byte[] be = v.toByteArray();
      for (int i = 0; i < be.length && i < 32; i++) {
        expected[i] = be[be.length - 1 - i];
      }
      byte[] actual = Field25519.toBytes(a);
      assertArrayEquals(expected, actual);
      assertEquals(v.testBit(0) ? 1 : 0, Field25519.isNegative(a));
      assertEquals(v.signum() == 0 ? 1 : 0, Field25519.isZero(a));
      assertArrayEquals(actual, Field25519.toBytes(Field25519.fromBytesMasked(actual, 0)));
    }
  }

  @Test
  void fromBytesMasked_topBitSetAndNonCanonical_masksAndReduces() {
    byte[] allOnes = new byte[32];
    java.util.Arrays.fill(allOnes, (byte) 0xFF);
    // 2^256 - 1 with bit 255 masked is 2^255 - 1 = p + 18.
    assertEquals(
        BigInteger.valueOf(18), Field25519.toBigInteger(Field25519.fromBytesMasked(allOnes, 0)));
    byte[] padded = new byte[40];
    padded[5] = 9;
    assertEquals(
        BigInteger.valueOf(9), Field25519.toBigInteger(Field25519.fromBytesMasked(padded, 5)));
  }

  @Test
  void cmovEqualAbs_selectedInputs_behaveAsSpecified() {
    long[] a = Field25519.fromBigInteger(BigInteger.valueOf(5));
    long[] b = Field25519.fromBigInteger(P.subtract(BigInteger.valueOf(5)));
    long[] z = a.clone();
    Field25519.cmov(z, b, 0);
    assertEquals(1, Field25519.equal(z, a));
    Field25519.cmov(z, b, 1);
    assertEquals(1, Field25519.equal(z, b));
    assertEquals(0, Field25519.equal(a, b));
    // p - 5 is even, so non-negative; 5 is odd, so negative and CT_ABS(5) = p - 5.
    Field25519.abs(a, z);
    assertEquals(P.subtract(BigInteger.valueOf(5)), Field25519.toBigInteger(z));
    Field25519.abs(b, z);
    assertEquals(P.subtract(BigInteger.valueOf(5)), Field25519.toBigInteger(z));
  }

  @Test
  void mulSmall_looseInputsAndConstants_matchesBigIntegerWithinLooseBound() {
    Random rnd = new Random(121665);
    for (long[] a : samples(rnd, LOOSE_MAX)) {
      for (int c : new int[] {0, 1, 19, 121665, 973324, (1 << 20) - 1}) {
        long[] z = Field25519.zero();
        Field25519.mulSmall(a, c, z);
        for (long limb : z) {
          assertTrue(limb >= 0 && limb < (1L << 51) + (1L << 27), "mulSmall limb " + limb);
        }
        assertEquals(raw(a).multiply(BigInteger.valueOf(c)).mod(P), raw(z).mod(P), "c = " + c);
      }
    }
  }

  @Test
  void invertAll_valuesWithZeros_matchesInvertAndMapsZeroToZero() {
    Random rnd = new Random(3);
    List<long[]> xs = samples(rnd, LOOSE_MAX).subList(0, 300);
    long[][] values = xs.toArray(long[][]::new);
    long[][] before = new long[values.length][];
    for (int i = 0; i < values.length; i++) {
      before[i] = values[i].clone();
    }
    long[][] inverses = Field25519.invertAll(values);
    for (int i = 0; i < values.length; i++) {
      assertArrayEquals(before[i], values[i], "input " + i + " unchanged");
      BigInteger v = raw(values[i]).mod(P);
      BigInteger expected = v.signum() == 0 ? BigInteger.ZERO : v.modInverse(P);
      assertValue(expected, inverses[i], "inverse #" + i);
    }
    assertEquals(0, Field25519.invertAll(new long[0][]).length);
  }

  @Test
  void sqrSumAndDifferenceAndMulPrepared_inputsUpToTheirBounds_matchBigInteger() {
    Random rnd = new Random(7);
    List<long[]> reduced = samples(rnd);
    List<long[]> loose = samples(rnd, LOOSE_MAX);
    long[] limbs = new long[10];
    double[] doubles = new double[10];
    for (int i = 0; i < reduced.size(); i++) {
      long[] p = reduced.get(i);
      long[] q = reduced.get((i * 19 + 7) % reduced.size());
      long[] zs = Field25519.zero();
      long[] zd = Field25519.zero();
      Radix51.sqrSumAndDifference(p, q, zs, zd);
      assertValue(raw(p).add(raw(q)).pow(2), zs, "(p + q)^2 #" + i);
      assertValue(raw(p).subtract(raw(q)).pow(2), zd, "(p - q)^2 #" + i);
      long[] a = loose.get(i % loose.size());
      long[] b = loose.get((i * 23 + 1) % loose.size());
      Radix51.prepare(b, limbs, doubles);
      long[] z = Field25519.zero();
      Radix51.mulPrepared(a, limbs, doubles, z);
      assertValue(raw(a).multiply(raw(b)), z, "mulPrepared #" + i);
    }
  }
}
