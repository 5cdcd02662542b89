package dev.parley.cleanroom.dp;

/**
 * The chi-square goodness-of-fit p-value, from the regularized upper incomplete gamma function Q(a,
 * x) = Γ(a, x)/Γ(a): p = Q(df/2, χ²/2). Test code only (doubles are fine here).
 *
 * <p>Q is computed by the power series of P(a, x) = 1 − Q(a, x) when x &lt; a + 1 and by the
 * continued fraction of Q (evaluated with the modified Lentz method) otherwise; ln Γ uses the
 * Stirling series (to the x^−9 term) for arguments ≥ 20 and the recurrence Γ(x+1) = x·Γ(x) below.
 * Checked in {@link ChiSquareTest} against the closed form for integer a and the NIST
 * critical-value table.
 */
final class ChiSquare {
  private static final double EPS = 1e-16;
  private static final double TINY = 1e-300;

  private ChiSquare() {}

  /** Returns Pr[χ²_df ≥ statistic]. */
  static double pValue(double statistic, int df) {
    return regularizedQ(df / 2.0, statistic / 2.0);
  }

  /** ln Γ(x) for x &gt; 0. */
  static double lnGamma(double x) {
    if (x <= 0) {
      throw new IllegalArgumentException("x must be positive: " + x);
    }
    double shift = 0;
    while (x < 20) {
      shift += Math.log(x);
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    double series =
        inv
            * (1.0 / 12
                - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
  }

  /** Q(a, x) = Γ(a, x)/Γ(a) for a &gt; 0, x ≥ 0. */
  static double regularizedQ(double a, double x) {
    if (a <= 0 || x < 0 || Double.isNaN(x)) {
      throw new IllegalArgumentException("need a > 0 and x >= 0: a=" + a + " x=" + x);
    }
    if (x == 0) {
      return 1;
    }
    return x < a + 1 ? 1 - seriesP(a, x) : continuedFractionQ(a, x);
  }

  /** P(a, x) = e^{−x} x^a / Γ(a+1) · Σ_{n≥0} x^n / ((a+1)…(a+n)). */
  private static double seriesP(double a, double x) {
    double term = 1;
    double sum = 1;
    for (int n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * EPS) {
        return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a + 1));
      }
    }
    throw new ArithmeticException("series did not converge for a=" + a + " x=" + x);
  }

  /** Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))), by Lentz. */
  private static double continuedFractionQ(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 100_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        return h * Math.exp(-x + a * Math.log(x) - lnGamma(a));
      }
    }
    throw new ArithmeticException("continued fraction did not converge for a=" + a + " x=" + x);
  }
}
