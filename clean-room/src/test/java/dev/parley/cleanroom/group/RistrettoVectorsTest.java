package dev.parley.cleanroom.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.vectors.VectorFile;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9496 Appendix A test vectors for ristretto255, read from vectors/ristretto255-rfc9496.txt.
 */
class RistrettoVectorsTest {
  private static final VectorFile VECTORS = VectorFile.load("/vectors/ristretto255-rfc9496.txt");

  @Test
  void generatorMultiples_scalarMultiplication_matchesA1() {
    List<VectorFile.Block> blocks = VECTORS.section("generator-multiples");
    assertEquals(16, blocks.size());
    for (VectorFile.Block b : blocks) {
      long k = Long.parseLong(b.get("k"));
      assertArrayEquals(
          b.hex("encoding"),
          RistrettoElement.multiplyGenerator(Scalar.of(k)).encode(),
          b + ": " + k + " * B");
    }
  }

  @Test
  void generatorMultiples_repeatedAddition_matchesA1() {
    RistrettoElement acc = RistrettoElement.identity();
    for (VectorFile.Block b : VECTORS.section("generator-multiples")) {
      assertArrayEquals(b.hex("encoding"), acc.encode(), b.toString());
      acc = acc.add(RistrettoElement.generator());
    }
  }

  @Test
  void generatorMultiples_decodeThenEncode_roundTrips() {
    for (VectorFile.Block b : VECTORS.section("generator-multiples")) {
      byte[] encoding = b.hex("encoding");
      RistrettoElement e = RistrettoElement.decode(encoding);
      assertArrayEquals(encoding, e.encode(), b.toString());
      assertEquals(
          RistrettoElement.multiplyGenerator(Scalar.of(Long.parseLong(b.get("k")))),
          e,
          b.toString());
    }
  }

  @Test
  void invalidEncodings_decode_rejectedForTheStatedReason() {
    List<VectorFile.Block> blocks = VECTORS.section("invalid-encodings");
    assertEquals(29, blocks.size());
    for (VectorFile.Block b : blocks) {
      InvalidEncodingException e =
          assertThrows(
              InvalidEncodingException.class,
              () -> RistrettoElement.decode(b.hex("encoding")),
              b.toString());
      assertEquals(
          InvalidEncodingException.Reason.valueOf(b.get("reason")), e.reason(), b.toString());
    }
  }

  @Test
  void uniformBytes_fromUniformBytes_matchesA3() {
    List<VectorFile.Block> blocks = VECTORS.section("uniform-bytes");
    assertEquals(11, blocks.size());
    for (VectorFile.Block b : blocks) {
      assertArrayEquals(
          b.hex("output"),
          RistrettoElement.fromUniformBytes(b.hex("input")).encode(),
          b.toString());
    }
  }

  @Test
  void sqrtRatioM1_vectors_matchA4() {
    List<VectorFile.Block> blocks = VECTORS.section("sqrt-ratio-m1");
    assertEquals(6, blocks.size());
    for (VectorFile.Block b : blocks) {
      long[] r = Field25519.zero();
      int wasSquare =
          RistrettoCodec.sqrtRatioM1(
              Field25519.fromBytesMasked(b.hex("u"), 0),
              Field25519.fromBytesMasked(b.hex("v"), 0),
              r);
      assertEquals(Boolean.parseBoolean(b.get("was_square")) ? 1 : 0, wasSquare, b.toString());
      assertArrayEquals(b.hex("r"), Field25519.toBytes(r), b.toString());
    }
  }

  @Test
  void decode_wrongLengthOrNull_rejectedWithReason() {
    for (byte[] bad : new byte[][] {new byte[31], new byte[33], new byte[0], null}) {
      InvalidEncodingException e =
          assertThrows(InvalidEncodingException.class, () -> RistrettoElement.decode(bad));
      assertEquals(InvalidEncodingException.Reason.WRONG_LENGTH, e.reason());
    }
  }

  @Test
  void identity_decodeAllZeros_isIdentity() {
    RistrettoElement zero = RistrettoElement.decode(new byte[32]);
    assertTrue(zero.isIdentity());
    assertEquals(RistrettoElement.identity(), zero);
    assertEquals(
        "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
        HexFormat.of().formatHex(RistrettoElement.generator().encode()));
  }

  @Test
  void constants_satisfyTheirDefinitions() {
    long[] t = Field25519.zero();
    // SQRT_M1^2 = -1
    Field25519.sqr(RistrettoCodec.SQRT_M1, t);
    long[] minusOne = Field25519.zero();
    Field25519.neg(Field25519.one(), minusOne);
    assertEquals(1, Field25519.equal(t, minusOne));
    // D = -121665/121666
    long[] d = Field25519.zero();
    Field25519.invert(Field25519.fromBigInteger(java.math.BigInteger.valueOf(121666)), d);
    Field25519.mul(d, Field25519.fromBigInteger(java.math.BigInteger.valueOf(121665)), d);
    Field25519.neg(d, d);
    assertEquals(1, Field25519.equal(d, EdwardsPoint.D));
    // ONE_MINUS_D_SQ = 1 - d^2, D_MINUS_ONE_SQ = (d - 1)^2
    Field25519.sqr(d, t);
    Field25519.sub(Field25519.one(), t, t);
    assertEquals(1, Field25519.equal(t, RistrettoCodec.ONE_MINUS_D_SQ));
    Field25519.sub(d, Field25519.one(), t);
    Field25519.sqr(t, t);
    assertEquals(1, Field25519.equal(t, RistrettoCodec.D_MINUS_ONE_SQ));
    // SQRT_AD_MINUS_ONE^2 = a*d - 1 = -d - 1
    Field25519.sqr(RistrettoCodec.SQRT_AD_MINUS_ONE, t);
    long[] expected = Field25519.zero();
    Field25519.neg(d, expected);
    Field25519.sub(expected, Field25519.one(), expected);
    assertEquals(1, Field25519.equal(t, expected));
    // INVSQRT_A_MINUS_D^2 * (a - d) = 1, a = -1
    Field25519.sqr(RistrettoCodec.INVSQRT_A_MINUS_D, t);
    Field25519.sub(minusOne, d, expected);
    Field25519.mul(t, expected, t);
    assertEquals(1, Field25519.equal(t, Field25519.one()));
  }
}
