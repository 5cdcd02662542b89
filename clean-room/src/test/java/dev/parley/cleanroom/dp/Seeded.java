package dev.parley.cleanroom.dp;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic {@link SecureRandom} instances for repeatable statistical tests. */
final class Seeded {
  private Seeded() {}

  /**
   * Returns a SUN {@code SHA1PRNG} seeded before first use, which makes its output a fixed function
   * of the seed.
   */
  static SecureRandom random(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG", "SUN");
      r.setSeed(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      return r;
    } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
      throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
    }
  }
}
