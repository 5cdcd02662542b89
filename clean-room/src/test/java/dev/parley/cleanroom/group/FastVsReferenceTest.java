package dev.parley.cleanroom.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of the optimized group code (field kernels, point formulas, signed-window
 * multiplication, prepared scalars, batched double-and-encode) against {@link
 * ReferenceRistretto255} on seeded random inputs.
 */
class FastVsReferenceTest {
  private static final int ITERATIONS = 400;

  private static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static BigInteger toInteger(Scalar k) {
    byte[] le = k.toBytes();
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }

  @Test
  void fromUniformBytesAndEncode_randomInputs_matchReference() {
    Random rnd = new Random(9496);
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] uniform = randomBytes(rnd, 64);
      assertArrayEquals(
          ReferenceRistretto255.encode(ReferenceRistretto255.fromUniformBytes(uniform)),
          RistrettoElement.fromUniformBytes(uniform).encode(),
          "iteration " + i);
    }
  }

  @Test
  void multiplyAndScalarMultiplier_randomScalars_matchDoubleAndAdd() {
    Random rnd = new Random(9497);
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] uniform = randomBytes(rnd, 64);
      Scalar k =
          switch (i % 5) {
            case 0 -> Scalar.of(i);
            case 1 -> Scalar.ZERO.subtract(Scalar.of(1 + i));
            default -> Scalar.fromBytesWide(randomBytes(rnd, 64));
          };
      byte[] expected =
          ReferenceRistretto255.encode(
              ReferenceRistretto255.multiply(
                  ReferenceRistretto255.fromUniformBytes(uniform), toInteger(k)));
      RistrettoElement p = RistrettoElement.fromUniformBytes(uniform);
      String at = "iteration " + i;
      assertArrayEquals(expected, p.multiply(k).encode(), at + ": multiply");
      assertArrayEquals(expected, ScalarMultiplier.of(k).multiply(p).encode(), at + ": prepared");
    }
  }

  @Test
  void signedRadix16_reusedWorkspace_matchesFreshWorkspaceAndReference() {
    Random rnd = new Random(16);
    SignedRadix16.Workspace workspace = new SignedRadix16.Workspace();
    for (int i = 0; i < 100; i++) {
      byte[] uniform = randomBytes(rnd, 64);
      Scalar k = i % 10 == 0 ? Scalar.of(i / 10) : Scalar.fromBytesWide(randomBytes(rnd, 64));
      byte[] digits = SignedRadix16.recode(k.littleEndianBytes());
      EdwardsPoint p = RistrettoElement.fromUniformBytes(uniform).point();
      EdwardsPoint pBefore = p.copy();
      byte[] reused = RistrettoCodec.encode(SignedRadix16.multiply(p, digits, workspace));
      byte[] fresh = RistrettoCodec.encode(SignedRadix16.multiply(p, digits));
      byte[] expected =
          ReferenceRistretto255.encode(
              ReferenceRistretto255.multiply(
                  ReferenceRistretto255.fromUniformBytes(uniform), toInteger(k)));
      String at = "iteration " + i;
      assertArrayEquals(expected, reused, at + ": reused workspace");
      assertArrayEquals(expected, fresh, at + ": fresh workspace");
      assertTrue(RistrettoCodec.elementsEqual(pBefore, p), at + ": input point unchanged");
      assertArrayEquals(pBefore.x, p.x, at + ": input limbs unchanged");
    }
  }

  @Test
  void multiplyAndEncode_randomBatches_matchDoubleAndAddAndSingleEncode() {
    Random rnd = new Random(2024);
    for (int batch : new int[] {1, 2, 3, 17, 64}) {
      Scalar k = Scalar.fromBytesWide(randomBytes(rnd, 64));
      ScalarMultiplier km = ScalarMultiplier.of(k);
      List<RistrettoElement> points = new ArrayList<>();
      List<byte[]> expected = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        byte[] uniform = randomBytes(rnd, 64);
        points.add(RistrettoElement.fromUniformBytes(uniform));
        expected.add(
            ReferenceRistretto255.encode(
                ReferenceRistretto255.multiply(
                    ReferenceRistretto255.fromUniformBytes(uniform), toInteger(k))));
      }
      List<byte[]> actual = km.multiplyAndEncode(points);
      assertEquals(batch, actual.size());
      for (int i = 0; i < batch; i++) {
        String at = "batch " + batch + ", element " + i;
        assertArrayEquals(expected.get(i), actual.get(i), at);
        assertArrayEquals(km.multiply(points.get(i)).encode(), actual.get(i), at + " (single)");
      }
    }
  }

  @Test
  void multiplyAndEncode_identityInBatch_encodesZerosWithoutSpoilingOthers() {
    Random rnd = new Random(77);
    Scalar k = Scalar.fromBytesWide(randomBytes(rnd, 64));
    RistrettoElement p = RistrettoElement.fromUniformBytes(randomBytes(rnd, 64));
    RistrettoElement q = RistrettoElement.fromUniformBytes(randomBytes(rnd, 64));
    List<byte[]> out =
        ScalarMultiplier.of(k)
            .multiplyAndEncode(List.of(p, RistrettoElement.identity(), q, p.negate()));
    assertArrayEquals(p.multiply(k).encode(), out.get(0));
    assertArrayEquals(new byte[32], out.get(1));
    assertArrayEquals(q.multiply(k).encode(), out.get(2));
    assertArrayEquals(p.negate().multiply(k).encode(), out.get(3));
    List<byte[]> zeroKey = ScalarMultiplier.of(Scalar.ZERO).multiplyAndEncode(List.of(p, q));
    assertArrayEquals(new byte[32], zeroKey.get(0));
    assertArrayEquals(new byte[32], zeroKey.get(1));
    assertTrue(ScalarMultiplier.of(k).multiplyAndEncode(List.of()).isEmpty());
  }

  @Test
  void decodeAndAdd_randomElements_matchReference() {
    Random rnd = new Random(1);
    for (int i = 0; i < ITERATIONS; i++) {
      RistrettoElement p = RistrettoElement.fromUniformBytes(randomBytes(rnd, 64));
      RistrettoElement q = RistrettoElement.fromUniformBytes(randomBytes(rnd, 64));
      ReferenceRistretto255.Point rp = ReferenceRistretto255.decode(p.encode());
      ReferenceRistretto255.Point rq = ReferenceRistretto255.decode(q.encode());
      assertNotNull(rp, "reference decodes a valid encoding");
      assertNotNull(rq, "reference decodes a valid encoding");
      String at = "iteration " + i;
      assertArrayEquals(
          ReferenceRistretto255.encode(ReferenceRistretto255.add(rp, rq)),
          p.add(q).encode(),
          at + ": add");
      assertArrayEquals(
          ReferenceRistretto255.encode(ReferenceRistretto255.add(rp, rp)),
          p.twice().encode(),
          at + ": double");
      assertTrue(ReferenceRistretto255.equal(rp, ReferenceRistretto255.decode(p.encode())), at);
    }
  }

  @Test
  void decode_randomBytes_acceptsExactlyWhatReferenceAccepts() {
    Random rnd = new Random(2);
    int accepted = 0;
    for (int i = 0; i < 4 * ITERATIONS; i++) {
      byte[] bytes = randomBytes(rnd, 32);
      // Clear the low bit and the top bit half of the time so that more candidates decode.
      if (i % 2 == 0) {
        bytes[0] &= (byte) 0xFE;
        bytes[31] &= 0x7F;
      }
      ReferenceRistretto255.Point expected = ReferenceRistretto255.decode(bytes);
      if (expected == null) {
        assertThrows(InvalidEncodingException.class, () -> RistrettoElement.decode(bytes));
      } else {
        accepted++;
        assertArrayEquals(bytes, RistrettoElement.decode(bytes).encode(), "iteration " + i);
      }
    }
    assertTrue(accepted > ITERATIONS / 8, "enough valid encodings sampled: " + accepted);
    byte[] negative = new byte[32];
    negative[0] = 1;
    assertNull(ReferenceRistretto255.decode(negative), "the reference rejects a negative s");
  }
}
