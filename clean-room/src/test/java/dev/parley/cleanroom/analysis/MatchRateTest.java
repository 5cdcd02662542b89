package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatchRateTest {
  @Test
  void bucket_upTo85_isFlooredWholePercent() {
    assertEquals("0%", MatchRate.bucket(0, 100));
    assertEquals("33%", MatchRate.bucket(1, 3));
    assertEquals("42%", MatchRate.bucket(429, 1000));
    assertEquals("85%", MatchRate.bucket(85, 100));
  }

  @Test
  void bucket_above85_isCapped() {
    assertEquals(">85%", MatchRate.bucket(851, 1000), "85.1% is above 85 though it floors to 85");
    assertEquals(">85%", MatchRate.bucket(86, 100));
    assertEquals(">85%", MatchRate.bucket(100, 100));
  }

  @Test
  void bucket_matchesExactRationalModel() {
    for (long base = 1; base <= 120; base++) {
      for (long matched = 0; matched <= base; matched++) {
        java.math.BigDecimal rate =
            java.math.BigDecimal.valueOf(100 * matched)
                .divide(java.math.BigDecimal.valueOf(base), 10, java.math.RoundingMode.FLOOR);
        String expected =
            rate.compareTo(java.math.BigDecimal.valueOf(85)) > 0
                ? ">85%"
                : rate.setScale(0, java.math.RoundingMode.FLOOR).toPlainString() + "%";
        assertEquals(expected, MatchRate.bucket(matched, base), matched + "/" + base);
      }
    }
  }

  @Test
  void bucket_impossibleCounts_refused() {
    assertThrows(IllegalArgumentException.class, () -> MatchRate.bucket(11, 10));
    assertThrows(IllegalArgumentException.class, () -> MatchRate.bucket(-1, 10));
  }
}
