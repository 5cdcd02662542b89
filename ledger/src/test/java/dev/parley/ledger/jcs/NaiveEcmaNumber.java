package dev.parley.ledger.jcs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A slow, literal reference model of ECMA-262 Number::toString for tests: it searches digit counts
 * k = 1, 2, ... with exact BigDecimal arithmetic and does not use {@code Double.toString}.
 */
final class NaiveEcmaNumber {
  private NaiveEcmaNumber() {}

  static String toString(double m) {
    if (m == 0) {
      return "0";
    }
    if (m < 0) {
      return "-" + toString(-m);
    }
    BigDecimal exact = new BigDecimal(m);
    for (int k = 1; k <= 17; k++) {
      // Any k-digit decimal that rounds to m lies between these two neighbours of m.
      BigDecimal down = exact.round(new MathContext(k, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(k, RoundingMode.CEILING));
      BigDecimal best = null;
      for (BigDecimal candidate : new BigDecimal[] {down, up}) {
        if (Double.parseDouble(candidate.toString()) != m) {
          continue;
        }
        if (best == null) {
          best = candidate;
          continue;
        }
        int cmp = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
        if (cmp < 0 || (cmp == 0 && isEvenAtDigits(candidate, k))) {
          best = candidate;
        }
      }
      if (best != null) {
        BigDecimal s = best.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        int n = s.precision() - s.scale(); // m = 0.digits × 10^n
        return layout(digits, n);
      }
    }
    throw new AssertionError("no representation within 17 digits for " + m);
  }

  private static boolean isEvenAtDigits(BigDecimal value, int k) {
    BigDecimal s = value.stripTrailingZeros();
    return s.precision() < k || !s.unscaledValue().testBit(0);
  }

  /** ECMA-262 Number::toString steps for the decimal 0.s × 10^n with k = |s| digits. */
  private static String layout(String s, int n) {
    int k = s.length();
    if (k <= n && n <= 21) {
      return s + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return s.substring(0, n) + "." + s.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + s;
    }
    String exponent = (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
    String mantissa = k == 1 ? s : s.charAt(0) + "." + s.substring(1);
    return mantissa + "e" + exponent;
  }
}
