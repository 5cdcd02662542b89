package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact rationals: canonical text, strict parsing and arithmetic against cross-multiplication. */
class RationalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0", "1", "-1", "1/2", "-7/3", "20", "123456789012345678901234567891/1024"})
  void parse_canonical_roundTrips(String text) {
    assertEquals(text, Rational.parse(text).toString());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "2/4|not in lowest terms: \"2/4\" (write 1/2)",
        "3/1|not canonical: \"3/1\" has denominator 1 (write 3)",
        "-0|not canonical: \"-0\" (write 0)",
        "0.5|not a rational: expected p or p/q in decimal digits, got \"0.5\"",
        "+1|not a rational: expected p or p/q in decimal digits, got \"+1\"",
        "01|not a rational: expected p or p/q in decimal digits, got \"01\"",
        "1/0|not a rational: expected p or p/q in decimal digits, got \"1/0\"",
        "1/-2|not a rational: expected p or p/q in decimal digits, got \"1/-2\"",
        "1e3|not a rational: expected p or p/q in decimal digits, got \"1e3\"",
        "' 1'|not a rational: expected p or p/q in decimal digits, got \" 1\"",
        "''|not a rational: expected p or p/q in decimal digits, got \"\"",
      })
  void parse_nonCanonical_saysWhy(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Rational.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void parse_tooLong_rejected() {
    String text = "1".repeat(401);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Rational.parse(text));
    assertEquals("rational longer than 400 characters (401)", e.getMessage());
  }

  @Test
  void constructor_unreduced_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> new Rational(BigInteger.TWO, BigInteger.valueOf(4)));
    assertThrows(
        IllegalArgumentException.class, () -> new Rational(BigInteger.ONE, BigInteger.ZERO));
    assertEquals(Rational.of(-1, 2), Rational.of(1, -2));
    assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
  }

  @Test
  void arithmetic_randomFractions_matchCrossMultiplication() {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 5000; i++) {
      long a = r.nextLong(-1000, 1000);
      long b = r.nextLong(1, 1000);
      long c = r.nextLong(-1000, 1000);
      long d = r.nextLong(1, 1000);
      Rational x = Rational.of(a, b);
      Rational y = Rational.of(c, d);
      assertEquals(Rational.of(a * d + c * b, b * d), x.add(y));
      assertEquals(Rational.of(a * d - c * b, b * d), x.subtract(y));
      assertEquals(Rational.of(a * c, b * d), x.multiply(y));
      if (c != 0) {
        assertEquals(Rational.of(a * d, b * c), x.divide(y));
      }
      assertEquals(Long.signum(a * d - c * b), Integer.signum(x.compareTo(y)));
    }
  }

  @Test
  void thirds_sumToExactlyOne() {
    Rational third = Rational.of(1, 3);
    assertEquals(Rational.ONE, third.add(third).add(third));
    assertTrue(Rational.of(1, 10).add(Rational.of(2, 10)).equals(Rational.of(3, 10)));
  }
}
