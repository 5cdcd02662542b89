package dev.parley.cleanroom.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compares {@link Scalar} with BigInteger arithmetic modulo l. */
class ScalarTest {
  private static final BigInteger L = Scalar.ORDER;

  private static byte[] le(BigInteger v, int length) {
    byte[] out = new byte[length];
    byte[] be = v.toByteArray();
    for (int i = 0; i < be.length && i < length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static BigInteger value(Scalar s) {
    return new BigInteger(1, reverse(s.toBytes()));
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  private static BigInteger randomBelow(Random rnd, BigInteger bound) {
    return switch (rnd.nextInt(6)) {
      case 0 -> BigInteger.ZERO;
      case 1 -> bound.subtract(BigInteger.ONE);
      case 2 -> BigInteger.valueOf(rnd.nextInt(4));
      default -> new BigInteger(bound.bitLength() + 8, rnd).mod(bound);
    };
  }

  @Test
  void order_isTheRfc9496Value() {
    assertEquals(
        new BigInteger("1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed", 16), L);
  }

  @Test
  void arithmetic_randomValues_matchesBigInteger() {
    Random rnd = new Random(9496);
    for (int i = 0; i < 3000; i++) {
      BigInteger a = randomBelow(rnd, L);
      BigInteger b = randomBelow(rnd, L);
      Scalar sa = Scalar.decode(le(a, 32));
      Scalar sb = Scalar.decode(le(b, 32));
      assertEquals(a.add(b).mod(L), value(sa.add(sb)), "add");
      assertEquals(a.subtract(b).mod(L), value(sa.subtract(sb)), "sub");
      assertEquals(a.multiply(b).mod(L), value(sa.multiply(sb)), "mul");
      assertEquals(a.negate().mod(L), value(sa.negate()), "negate");
      assertArrayEquals(le(a, 32), sa.toBytes(), "round trip");
    }
  }

  @Test
  void invert_randomValues_matchesBigInteger() {
    Random rnd = new Random(17);
    for (int i = 0; i < 200; i++) {
      BigInteger a = randomBelow(rnd, L.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      Scalar s = Scalar.decode(le(a, 32));
      assertEquals(a.modInverse(L), value(s.invert()));
      assertEquals(Scalar.ONE, s.multiply(s.invert()));
    }
  }

  @Test
  void invert_zero_throws() {
    assertThrows(ArithmeticException.class, Scalar.ZERO::invert);
  }

  @Test
  void fromBytesWide_randomAndExtremeValues_reducesModL() {
    Random rnd = new Random(5);
    BigInteger max = BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE);
    for (int i = 0; i < 2000; i++) {
      BigInteger v = i == 0 ? max : (i == 1 ? L : new BigInteger(512, rnd));
      assertEquals(v.mod(L), value(Scalar.fromBytesWide(le(v, 64))));
    }
  }

  @Test
  void decode_nonCanonical_rejectedWithReason() {
    for (BigInteger bad :
        new BigInteger[] {
          L,
          L.add(BigInteger.ONE),
          BigInteger.ONE.shiftLeft(253),
          BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
        }) {
      InvalidEncodingException e =
          assertThrows(InvalidEncodingException.class, () -> Scalar.decode(le(bad, 32)));
      assertEquals(InvalidEncodingException.Reason.SCALAR_OUT_OF_RANGE, e.reason());
    }
    assertEquals(
        L.subtract(BigInteger.ONE), value(Scalar.decode(le(L.subtract(BigInteger.ONE), 32))));
    InvalidEncodingException e =
        assertThrows(InvalidEncodingException.class, () -> Scalar.decode(new byte[31]));
    assertEquals(InvalidEncodingException.Reason.WRONG_LENGTH, e.reason());
  }

  @Test
  void random_manyDraws_nonzeroCanonicalAndDistinct() {
    SecureRandom random = new SecureRandom();
    Scalar previous = Scalar.random(random);
    for (int i = 0; i < 100; i++) {
      Scalar s = Scalar.random(random);
      assertFalse(s.isZero());
      assertTrue(value(s).compareTo(L) < 0);
      assertNotEquals(previous, s);
      previous = s;
    }
  }

  @Test
  void toString_anyScalar_revealsNothing() {
    Scalar s = Scalar.of(123456789);
    assertEquals("Scalar[redacted]", s.toString());
    assertFalse(s.toString().contains("15cd5b07"));
  }

  @Test
  void equalsAndHashCode_sameValue_equal() {
    assertEquals(Scalar.of(42), Scalar.of(40).add(Scalar.of(2)));
    assertEquals(Scalar.of(42).hashCode(), Scalar.of(40).add(Scalar.of(2)).hashCode());
    assertNotEquals(Scalar.of(42), Scalar.of(43));
    assertTrue(Scalar.ZERO.isZero());
  }
}
