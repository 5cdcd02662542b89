package dev.parley.cleanroom.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bit stream against a naive bit-by-bit model, and exact uniformity of {@code uniform}. */
class RandomBitsTest {

  /** A SecureRandom that hands out a fixed byte sequence 0, 1, 2, … and counts requests. */
  static final class CountingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    int next;
    int requests;

    @Override
    public void nextBytes(byte[] bytes) {
      requests++;
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (next++ * 37 + 11);
      }
    }
  }

  /** Bit i of the stream: bytes form big-endian 64-bit words, each read from its low bit up. */
  private static int naiveBit(long i) {
    long wordIndex = i / 64;
    int bitInWord = (int) (i % 64);
    int byteInWord = 7 - bitInWord / 8; // big-endian: byte 7 of the word holds bits 0-7
    long byteIndex = wordIndex * 8 + byteInWord;
    int value = (byte) (byteIndex * 37 + 11) & 0xFF;
    return (value >>> (bitInWord % 8)) & 1;
  }

  @Test
  void bits_anyWidths_matchNaiveBitStream() {
    RandomBits bits = new RandomBits(new CountingRandom());
    SplittableRandom widths = new SplittableRandom(1);
    long position = 0;
    for (int i = 0; i < 20_000; i++) {
      int k = widths.nextInt(64);
      long expected = 0;
      for (int j = 0; j < k; j++) {
        expected |= (long) naiveBit(position + j) << j;
      }
      assertEquals(expected, bits.bits(k), "draw " + i + " of " + k + " bits at " + position);
      position += k;
    }
  }

  @Test
  void uniform_rangeOne_consumesNoRandomness() {
    CountingRandom random = new CountingRandom();
    RandomBits bits = new RandomBits(random);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, bits.uniform(1));
    }
    assertEquals(0, random.requests);
  }

  @Test
  void uniform_smallRanges_fitUniformDistribution() {
    RandomBits bits = new RandomBits(Seeded.random(99));
    for (long m : new long[] {2, 3, 5, 10, 17, 100}) {
      int n = 200_000;
      long[] counts = new long[(int) m];
      for (int i = 0; i < n; i++) {
        counts[(int) bits.uniform(m)]++;
      }
      double expected = (double) n / m;
      double chi2 = 0;
      for (long c : counts) {
        chi2 += (c - expected) * (c - expected) / expected;
      }
      double p = ChiSquare.pValue(chi2, (int) m - 1);
      assertTrue(p > DiscreteLaplaceSamplerTest.MIN_P_VALUE, "m = " + m + ": p = " + p);
    }
  }

  @Test
  void uniform_largeRange_staysBelowRange() {
    RandomBits bits = new RandomBits(Seeded.random(5));
    long m = (1L << 62) + 12345;
    long above = 0;
    for (int i = 0; i < 10_000; i++) {
      long v = bits.uniform(m);
      assertTrue(v >= 0 && v < m, Long.toString(v));
      above += v >= (1L << 61) ? 1 : 0;
    }
    assertTrue(above > 4700 && above < 5300, "upper half: " + above);
  }

  @Test
  void uniform_nonPositiveRange_rejected() {
    RandomBits bits = new RandomBits(Seeded.random(5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> bits.uniform(0));
    assertEquals("range must be positive, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> bits.bits(64));
  }
}
