package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ε(δ) = ρ + 2√(ρ·ln(1/δ)) as a certified rational upper bound, checked to 40 digits. */
class ZcdpConversionTest {
  private static final MathContext MC = new MathContext(60);

  /** ln 2 (OEIS A002162) and ln 10 (OEIS A002392) to 45 digits. */
  private static final BigDecimal LN2 =
      new BigDecimal("0.693147180559945309417232121458176568075500134");

  private static final BigDecimal LN10 =
      new BigDecimal("2.302585092994045684017991454684364207601101488");

  private static final BigDecimal GRID_UNIT = BigDecimal.ONE.divide(new BigDecimal(2).pow(64), MC);

  @ParameterizedTest(name = "delta = {0}")
  @CsvSource({"1/2, 1, 0", "1/1000000, 0, 6", "1/1000000000, 0, 9", "1/1024, 10, 0"})
  void lnBound_knownLogarithms_isJustAbove(String delta, int log2, int log10) {
    BigDecimal exact = lnOf(log2, log10);
    BigDecimal bound =
        decimal(ZcdpConversion.forDelta(Rational.parse(delta)).lnInverseDeltaUpperBound());
    BigDecimal excess = bound.subtract(exact);
    assertTrue(excess.signum() >= 0, "bound below ln(1/δ) by " + excess);
    assertTrue(
        excess.compareTo(GRID_UNIT.multiply(BigDecimal.valueOf(2))) <= 0, "excess " + excess);
  }

  @ParameterizedTest(name = "rho = {0}, delta = {1}")
  @CsvSource({
    "1/2, 1/1000000, 0, 6",
    "1/8, 1/1000000000, 0, 9",
    "3, 1/1000000, 0, 6",
    "1/1000, 1/2, 1, 0",
    "20, 1/1024, 10, 0"
  })
  void epsilonBound_isJustAboveExactConversion(String rho, String delta, int log2, int log10) {
    ZcdpConversion conversion = ZcdpConversion.forDelta(Rational.parse(delta));
    Rational r = Rational.parse(rho);
    BigDecimal ln = lnOf(log2, log10); // ln(1/δ) for δ = 2^−log2 · 10^−log10
    BigDecimal rd = decimal(r);
    BigDecimal exact = rd.add(rd.multiply(ln).sqrt(MC).multiply(BigDecimal.TWO));
    BigDecimal bound = decimal(conversion.epsilonUpperBound(r));
    BigDecimal excess = bound.subtract(exact);
    assertTrue(excess.signum() >= 0, "bound below ε(δ) by " + excess);
    assertTrue(excess.compareTo(GRID_UNIT.multiply(BigDecimal.TEN)) <= 0, "excess " + excess);
    double approx = r.numerator().doubleValue() / r.denominator().doubleValue();
    double lnD = log2 * Math.log(2) + log10 * Math.log(10);
    assertEquals(approx + 2 * Math.sqrt(approx * lnD), bound.doubleValue(), 1e-12);
  }

  @Test
  void epsilonBound_zeroRho_isZero() {
    assertEquals(
        Rational.ZERO,
        ZcdpConversion.forDelta(Rational.of(1, 1000)).epsilonUpperBound(Rational.ZERO));
  }

  @Test
  void epsilonBound_isMonotoneInRho() {
    ZcdpConversion c = ZcdpConversion.forDelta(Rational.of(1, 100_000));
    Rational previous = Rational.ZERO;
    for (int i = 1; i <= 50; i++) {
      Rational e = c.epsilonUpperBound(Rational.of(i, 37));
      assertTrue(e.compareTo(previous) > 0);
      previous = e;
    }
  }

  @Test
  void delta_outOfRange_rejectedWithField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ZcdpConversion.forDelta(Rational.ONE));
    assertEquals("delta: must be in (0, 1), got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ZcdpConversion.forDelta(Rational.ZERO));
    assertEquals("delta: must be in (0, 1), got 0", e.getMessage());
  }

  private static BigDecimal lnOf(int log2, int log10) {
    return LN2.multiply(BigDecimal.valueOf(log2)).add(LN10.multiply(BigDecimal.valueOf(log10)));
  }

  static BigDecimal decimal(Rational r) {
    return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), MC);
  }
}
