package dev.parley.ledger.jcs;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * ECMAScript {@code Number.prototype.toString()} for finite doubles, the number format of RFC 8785.
 *
 * <p>Implementation notes (RFC 8785 §3.2.2.3, ECMA-262 Number::toString). The spec picks integers
 * n, k, s with k minimal such that s × 10<sup>n-k</sup> is exactly the double's value under
 * round-to-nearest, 10<sup>k-1</sup> ≤ s &lt; 10<sup>k</sup>; if several s qualify, "choose the
 * value of s for which s × 10<sup>n−k</sup> is closest in value to m. If there are two such
 * possible values of s, choose the one that is even." It then lays the digits out:
 *
 * <ul>
 *   <li>k ≤ n ≤ 21: the k digits then n−k zeros ({@code 1e20} → {@code 100000000000000000000});
 *   <li>0 &lt; n ≤ 21: a decimal point after n digits ({@code 123.45});
 *   <li>−6 &lt; n ≤ 0: {@code 0.} then −n zeros then the digits ({@code 0.000001});
 *   <li>otherwise exponential: first digit, {@code .} and the rest if k &gt; 1, {@code e}, a sign
 *       {@code +} or {@code -}, and |n−1| ({@code 1e+21}, {@code 9.999999999999997e-7}).
 * </ul>
 *
 * <p>The digits come from {@link Double#toString(double)}, which since JDK 19 yields the shortest
 * decimal that rounds back to the double, choosing the closest one (ties to even digit) — the same
 * choice as ECMAScript — with one documented exception: when a single digit would do, Java may
 * print two digits because it picks the closest among decimals "of length 1 or 2" (e.g. {@code
 * 4.9E-324} where ECMAScript says {@code 5e-324}). {@link #shortestDigits} therefore re-examines
 * every two-digit result for a one-digit decimal that also rounds back, and takes the closest.
 */
final class EcmaNumbers {
  private EcmaNumbers() {}

  /**
   * Formats a finite double the way ECMAScript's {@code String(x)} does.
   *
   * @param value a finite double
   * @return the ECMAScript string; {@code -0.0} gives {@code "0"}
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static String toString(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "JSON number must be finite, got " + value + " (RFC 8785 §3.2.2.3)");
    }
    if (value == 0.0) {
      return "0"; // ECMA-262: "If m is +0 or -0, return "0""
    }
    StringBuilder out = new StringBuilder(26);
    if (value < 0) {
      out.append('-');
    }
    Decimal d = shortestDigits(Math.abs(value));
    layout(out, d.digits(), d.pointPosition());
    return out.toString();
  }

  /**
   * A positive decimal 0.digits × 10^pointPosition.
   *
   * @param digits significant digits, no leading or trailing zeros
   * @param pointPosition ECMAScript's n: where the decimal point goes relative to the digits
   */
  record Decimal(String digits, int pointPosition) {}

  /**
   * Finds ECMAScript's s, k and n for a positive finite double.
   *
   * @param value a positive finite double
   * @return the shortest round-tripping digits and the point position
   */
  static Decimal shortestDigits(double value) {
    Decimal java = parseJavaToString(Double.toString(value));
    if (java.digits().length() != 2) {
      return java;
    }
    // Java's "length 1 or 2" rule: look for one-digit decimals d × 10^(n-1) that round back.
    int exponent = java.pointPosition() - 1;
    int lead = java.digits().charAt(0) - '0';
    BigDecimal exact = new BigDecimal(value);
    Decimal best = null;
    BigDecimal bestDistance = null;
    for (int candidate = lead; candidate <= lead + 1; candidate++) {
      if (Double.parseDouble(candidate + "E" + exponent) != value) {
        continue; // does not round back to the same double
      }
      BigDecimal decimal = new BigDecimal(BigInteger.valueOf(candidate), -exponent);
      BigDecimal distance = decimal.subtract(exact).abs();
      Decimal s =
          candidate == 10
              ? new Decimal("1", exponent + 2)
              : new Decimal(Integer.toString(candidate), exponent + 1);
      int cmp = bestDistance == null ? -1 : distance.compareTo(bestDistance);
      if (cmp < 0 || (cmp == 0 && (s.digits().charAt(0) - '0') % 2 == 0)) {
        best = s;
        bestDistance = distance;
      }
    }
    return best != null ? best : java;
  }

  /**
   * Reads the digits and point position out of {@code Double.toString} output.
   *
   * @param s {@code "ddd.ddd"} or {@code "d.dddE[-]xx"} for a positive double
   * @return the digits without leading or trailing zeros, and the point position
   */
  static Decimal parseJavaToString(String s) {
    int e = s.indexOf('E');
    String mantissa = e < 0 ? s : s.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = dot + exponent;
    int start = 0;
    while (digits.charAt(start) == '0') {
      start++;
      point--;
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return new Decimal(digits.substring(start, end), point);
  }

  /** Appends digits s with point position n in ECMAScript's layout (steps 6-10 of toString). */
  private static void layout(StringBuilder out, String s, int n) {
    int k = s.length();
    if (k <= n && n <= 21) {
      out.append(s).repeat('0', n - k);
    } else if (0 < n && n <= 21) {
      out.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").repeat('0', -n).append(s);
    } else {
      out.append(s.charAt(0));
      if (k > 1) {
        out.append('.').append(s, 1, k);
      }
      int e = n - 1;
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }
}
