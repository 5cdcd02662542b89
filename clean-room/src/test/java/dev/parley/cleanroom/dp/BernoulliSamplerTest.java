package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bernoulli(p) and Algorithm 1's Bernoulli(exp(−γ)): exact edge cases and frequencies. */
class BernoulliSamplerTest {
  private static final int DRAWS = 400_000;

  @ParameterizedTest(name = "gamma = {0}")
  @ValueSource(strings = {"1/100", "1/3", "1/2", "1", "3/2", "7/3", "5", "1000000007/1000000000"})
  void bernoulliExp_frequency_matchesExpMinusGamma(String gamma) {
    Rational g = Rational.parse(gamma);
    BernoulliSampler sampler = new BernoulliSampler(Seeded.random(gamma.hashCode()));
    double p = Math.exp(-g.numerator().doubleValue() / g.denominator().doubleValue());
    assertFrequency(p, () -> sampler.bernoulliExp(g), "exp(-" + gamma + ")");
  }

  @Test
  void bernoulliExp_numeratorAbove2To63_usesExactWholePart() {
    // n = 2^64 + 2^62 over d = 2^62 is γ = 5 with a 65-bit numerator: the BigInteger path.
    BigInteger n = BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE.shiftLeft(62));
    long d = 1L << 62;
    RandomBits bits = new RandomBits(Seeded.random(17));
    assertFrequency(
        Math.exp(-5), () -> BernoulliSampler.bernoulliExp(bits, n, d), "exp(-5) via BigInteger");
  }

  @Test
  void bernoulliExp_hugeGamma_isAlmostNeverTrue() {
    BernoulliSampler sampler = new BernoulliSampler(Seeded.random(3));
    Rational huge = new Rational(BigInteger.TEN.pow(40), BigInteger.ONE);
    for (int i = 0; i < 1000; i++) {
      assertFalse(sampler.bernoulliExp(huge));
    }
  }

  @Test
  void edgeCases_areExact() {
    BernoulliSampler sampler = new BernoulliSampler(Seeded.random(1));
    for (int i = 0; i < 1000; i++) {
      assertTrue(sampler.bernoulliExp(Rational.ZERO));
      assertTrue(sampler.bernoulli(Rational.ONE));
      assertFalse(sampler.bernoulli(Rational.ZERO));
    }
  }

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(strings = {"1/2", "1/3", "9/10", "1/1000"})
  void bernoulli_frequency_matchesP(String p) {
    Rational r = Rational.parse(p);
    BernoulliSampler sampler = new BernoulliSampler(Seeded.random(p.hashCode()));
    assertFrequency(
        r.numerator().doubleValue() / r.denominator().doubleValue(), () -> sampler.bernoulli(r), p);
  }

  @Test
  void invalidParameters_rejectedWithField() {
    BernoulliSampler sampler = new BernoulliSampler(Seeded.random(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sampler.bernoulli(Rational.of(3, 2)));
    assertEquals("p: must be in [0, 1], got 3/2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> sampler.bernoulliExp(Rational.of(-1, 2)));
    assertEquals("gamma: must be at least 0, got -1/2", e.getMessage());
    Rational fine = new Rational(BigInteger.ONE, BigInteger.ONE.shiftLeft(64));
    e = assertThrows(IllegalArgumentException.class, () -> sampler.bernoulliExp(fine));
    assertEquals("gamma: denominator exceeds 2^63-1: 1/18446744073709551616", e.getMessage());
  }

  /** One-degree-of-freedom chi-square test of a Bernoulli frequency, p-value above 1e−4. */
  private static void assertFrequency(
      double p, java.util.function.BooleanSupplier draw, String what) {
    long ones = 0;
    for (int i = 0; i < DRAWS; i++) {
      ones += draw.getAsBoolean() ? 1 : 0;
    }
    double e1 = DRAWS * p;
    double e0 = DRAWS - e1;
    double chi2 = (ones - e1) * (ones - e1) / e1 + (ones - e1) * (ones - e1) / e0;
    double pValue = ChiSquare.pValue(chi2, 1);
    assertTrue(
        pValue > DiscreteLaplaceSamplerTest.MIN_P_VALUE,
        what + ": " + ones + " of " + DRAWS + ", expected " + e1 + ", p = " + pValue);
  }
}
