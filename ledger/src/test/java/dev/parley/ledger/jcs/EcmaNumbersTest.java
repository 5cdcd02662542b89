package dev.parley.ledger.jcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECMAScript number formatting, against hand-picked cases and a naive reference model. */
class EcmaNumbersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.0, 0",
    "-0.0, 0",
    "1.0, 1",
    "-1.0, -1",
    "100.0, 100",
    "0.1, 0.1",
    "123.456, 123.456",
    "1e20, 100000000000000000000",
    "1e21, 1e+21",
    "1.5e21, 1.5e+21",
    "999999999999999900000, 999999999999999900000",
    "0.000001, 0.000001",
    "0.0000015, 0.0000015",
    "1e-7, 1e-7",
    "1.5e-7, 1.5e-7",
    "4.9E-324, 5e-324",
    "1.0E-323, 1e-323",
    "1.5E-323, 1.5e-323",
    "2.5E-323, 2.5e-323",
    "9007199254740993, 9007199254740992",
    "0.30000000000000004, 0.30000000000000004",
    "1e300, 1e+300",
    "1.7976931348623157E308, 1.7976931348623157e+308",
  })
  void toString_knownValue_matchesEcmaScript(double value, String expected) {
    assertEquals(expected, EcmaNumbers.toString(value));
    assertEquals(expected, NaiveEcmaNumber.toString(value));
  }

  @Test
  void toString_nonFinite_throws() {
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> EcmaNumbers.toString(bad));
      assertEquals(
          "JSON number must be finite, got " + bad + " (RFC 8785 §3.2.2.3)", e.getMessage());
    }
  }

  @Test
  void parseJavaToString_bothJavaLayouts_giveDigitsAndPointPosition() {
    assertEquals(new EcmaNumbers.Decimal("12345", 3), EcmaNumbers.parseJavaToString("123.45"));
    assertEquals(new EcmaNumbers.Decimal("1", -2), EcmaNumbers.parseJavaToString("0.001"));
    assertEquals(new EcmaNumbers.Decimal("1", 22), EcmaNumbers.parseJavaToString("1.0E21"));
    assertEquals(new EcmaNumbers.Decimal("49", -323), EcmaNumbers.parseJavaToString("4.9E-324"));
    assertEquals(new EcmaNumbers.Decimal("1", 1), EcmaNumbers.parseJavaToString("1.0"));
  }

  @Test
  void toString_randomBitPatterns_matchesNaiveReference() {
    SplittableRandom random = new SplittableRandom(8785);
    int checked = 0;
    while (checked < 5_000) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(value)) {
        assertSameAsReference(value);
        checked++;
      }
    }
  }

  @Test
  void toString_edgeFamilies_matchesNaiveReference() {
    List<Double> values = new ArrayList<>();
    for (int e = -325; e <= 308; e++) {
      double power = Double.parseDouble("1e" + e);
      values.add(power);
      values.add(Math.nextUp(power));
      values.add(Math.nextDown(power));
    }
    for (int e = -1074; e <= 1023; e++) {
      values.add(Math.scalb(1.0, e));
    }
    for (long multiple = 1; multiple <= 1000; multiple++) {
      values.add(multiple * Double.MIN_VALUE); // subnormals, where one digit often suffices
    }
    for (int digit = 1; digit <= 9; digit++) {
      for (int e = -324; e <= 308; e += 7) {
        values.add(Double.parseDouble(digit + "e" + e));
        values.add(Double.parseDouble(digit + ".5e" + e));
      }
    }
    for (double value : values) {
      if (value != 0 && Double.isFinite(value)) {
        assertSameAsReference(value);
        assertSameAsReference(-value);
      }
    }
  }

  @Test
  void toString_randomDoubles_roundTripsWithNoMoreDigitsThanJava() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(value) || value == 0) {
        continue;
      }
      String ecma = EcmaNumbers.toString(value);
      assertEquals(value, Double.parseDouble(ecma), ecma);
      int ecmaDigits = significantDigits(ecma);
      int javaDigits = significantDigits(Double.toString(value));
      assertTrue(ecmaDigits <= javaDigits, () -> ecma + " vs " + Double.toString(value));
    }
  }

  private static void assertSameAsReference(double value) {
    assertEquals(
        NaiveEcmaNumber.toString(value),
        EcmaNumbers.toString(value),
        () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(value)));
  }

  private static int significantDigits(String number) {
    String mantissa = number.split("[eE]", -1)[0].replace("-", "").replace(".", "");
    return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
  }
}
