package dev.parley.cleanroom.dp;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A stream of uniformly random bits read from a {@link SecureRandom}, and exact uniform integers
 * built from them; the only source of randomness of the samplers in this package.
 *
 * <p>Bytes are fetched in blocks of {@value #BLOCK} with {@link SecureRandom#nextBytes} and spent
 * bit by bit, so a draw from {0, …, m−1} costs about log2(m) bits instead of a generator call.
 * {@link #uniform} uses plain rejection: draw the bit length of m−1 bits and retry while the value
 * is ≥ m. Every accepted value is equally likely and no arithmetic other than comparison touches
 * the bits, so the result is exactly uniform (the retry count has mean below 2).
 *
 * <p>Not thread-safe: each sampler owns one instance and serializes access to it.
 */
final class RandomBits {
  private static final int BLOCK = 512;

  private final SecureRandom random;
  private final byte[] block = new byte[BLOCK];
  private int blockPosition = BLOCK;
  private long word;
  private int wordBits;

  RandomBits(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns one uniformly random bit.
   *
   * @return true or false, each with probability exactly 1/2
   */
  boolean bit() {
    return bits(1) == 1;
  }

  /**
   * Returns an integer uniform on {0, …, m−1}.
   *
   * @param m the range, at least 1 ({@code m == 1} uses no bits)
   * @return the value
   */
  long uniform(long m) {
    if (m <= 0) {
      throw new IllegalArgumentException("range must be positive, got " + m);
    }
    int k = 64 - Long.numberOfLeadingZeros(m - 1);
    while (true) {
      long v = bits(k);
      if (v < m) {
        return v;
      }
    }
  }

  /**
   * Returns k uniformly random bits as a non-negative long.
   *
   * @param k the number of bits, 0 to 63
   * @return a value in [0, 2^k)
   */
  long bits(int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("bit count must be 0-63, got " + k);
    }
    if (k <= wordBits) {
      long v = word & mask(k);
      word >>>= k;
      wordBits -= k;
      return v;
    }
    long low = word;
    int lowBits = wordBits;
    int need = k - lowBits;
    word = nextWord();
    long high = word & mask(need);
    word >>>= need;
    wordBits = 64 - need;
    return low | (high << lowBits);
  }

  private static long mask(int k) {
    return k == 0 ? 0 : -1L >>> (64 - k);
  }

  private long nextWord() {
    if (blockPosition == BLOCK) {
      random.nextBytes(block);
      blockPosition = 0;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (block[blockPosition + i] & 0xFF);
    }
    blockPosition += 8;
    return v;
  }
}
