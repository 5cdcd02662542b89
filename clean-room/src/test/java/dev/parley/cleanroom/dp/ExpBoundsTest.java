package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Certified e^{−r} bounds: they contain the true value and are tight. */
class ExpBoundsTest {
  /** e^{−1} to 60 digits (OEIS A068985). */
  private static final BigDecimal INVERSE_E =
      new BigDecimal("0.367879441171442321595523770161460867445811131031767834507836");

  @Test
  void expNeg_one_bracketsKnownDigitsTightly() {
    int p = 180;
    ExpBounds.Interval e = ExpBounds.expNeg(BigInteger.ONE, BigInteger.ONE, p);
    BigDecimal scale = new BigDecimal(BigInteger.ONE.shiftLeft(p));
    BigDecimal lo = new BigDecimal(e.lo()).divide(scale, MathContext.DECIMAL128);
    BigDecimal hi = new BigDecimal(e.hi()).divide(scale, MathContext.DECIMAL128);
    BigDecimal slack = new BigDecimal("1e-33"); // DECIMAL128 rounding of lo/hi themselves
    assertTrue(lo.subtract(slack).compareTo(INVERSE_E) <= 0, "lo " + lo);
    assertTrue(hi.add(slack).compareTo(INVERSE_E) >= 0, "hi " + hi);
    assertTrue(e.hi().subtract(e.lo()).compareTo(BigInteger.valueOf(4)) <= 0, "width");
  }

  @Test
  void expNeg_manyArguments_containMathExp() {
    int p = 128;
    double scale = Math.scalb(1.0, p);
    for (long num = 0; num <= 400; num += 7) {
      for (long den : new long[] {1, 3, 10, 64, 1_000_003}) {
        ExpBounds.Interval e =
            ExpBounds.expNeg(BigInteger.valueOf(num), BigInteger.valueOf(den), p);
        double r = (double) num / den;
        double exact = Math.exp(-r);
        // Math.exp is within 1 ulp, and rounding r to a double moves e^{−r} by up to r·2^−53.
        double tolerance = 2.3e-16 * (r + 2);
        double lo = e.lo().doubleValue() / scale;
        double hi = e.hi().doubleValue() / scale;
        assertTrue(lo <= exact * (1 + tolerance) && exact <= hi * (1 + tolerance), num + "/" + den);
        assertTrue(hi - lo <= 1e-30 + exact * 1e-30, num + "/" + den + " width " + (hi - lo));
      }
    }
  }

  @Test
  void expNeg_zero_isExactlyOne() {
    ExpBounds.Interval e = ExpBounds.expNeg(BigInteger.ZERO, BigInteger.ONE, 64);
    assertEquals(BigInteger.ONE.shiftLeft(64), e.lo());
    assertEquals(BigInteger.ONE.shiftLeft(64), e.hi());
  }

  @Test
  void expNeg_beyondPrecision_isZeroToOneUnit() {
    ExpBounds.Interval e = ExpBounds.expNeg(BigInteger.valueOf(1000), BigInteger.ONE, 64);
    assertEquals(BigInteger.ZERO, e.lo());
    assertEquals(BigInteger.ONE, e.hi());
  }
}
