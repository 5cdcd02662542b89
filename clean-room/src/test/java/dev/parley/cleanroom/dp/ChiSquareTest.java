package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chi-square p-value helper against closed forms and the NIST critical-value table. */
class ChiSquareTest {

  @Test
  void lnGamma_integersAndHalf_matchFactorials() {
    double factorial = 1;
    for (int n = 1; n <= 30; n++) {
      assertEquals(Math.log(factorial), ChiSquare.lnGamma(n), 1e-12, "ln Γ(" + n + ")");
      factorial *= n;
    }
    assertEquals(0.5 * Math.log(Math.PI), ChiSquare.lnGamma(0.5), 1e-13);
    assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), ChiSquare.lnGamma(2.5), 1e-13);
  }

  /** Naive reference model: Q(n, x) = e^{−x} Σ_{k<n} x^k/k! for integer n. */
  @Test
  void regularizedQ_integerA_matchesPoissonSum() {
    for (int n = 1; n <= 120; n += 7) {
      for (double x : new double[] {0.01, 0.5, 1, 3, 10, 40, 100, 150}) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < n; k++) {
          sum += term;
          term *= x / (k + 1);
        }
        double expected = Math.exp(-x) * sum;
        double actual = ChiSquare.regularizedQ(n, x);
        assertEquals(expected, actual, 1e-11 * Math.max(1e-3, expected), "Q(" + n + ", " + x + ")");
      }
    }
  }

  @Test
  void regularizedQ_aOne_isExpMinusX() {
    for (double x = 0; x < 50; x += 0.37) {
      assertEquals(Math.exp(-x), ChiSquare.regularizedQ(1, x), 1e-14 + 1e-12 * Math.exp(-x));
    }
  }

  @Test
  void pValue_nistCriticalValues_bracketTheirProbabilities() throws IOException {
    List<String> lines = resourceLines("/dp/chi-square-upper-critical-values.txt");
    int checked = 0;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+", -1);
      int df = Integer.parseInt(f[0]);
      double p = Double.parseDouble(f[1]);
      double critical = Double.parseDouble(f[2]);
      double atLow = ChiSquare.pValue(critical - 0.0005, df);
      double atHigh = ChiSquare.pValue(critical + 0.0005, df);
      assertTrue(atHigh <= p && p <= atLow, line + ": p-values " + atHigh + ".." + atLow);
      checked++;
    }
    assertEquals(50, checked);
  }

  static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = ChiSquareTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
