package dev.parley.cleanroom.group;

import java.math.BigInteger;

/**
 * Arithmetic modulo the group order l = 2^252 + 27742317777372353535851937790883648493.
 *
 * <p>A scalar is an {@code int[8]} of little-endian 32-bit words holding a value in [0, l).
 * Multiplication is Montgomery multiplication (CIOS form, R = 2^256) followed by a second one by
 * R^2 mod l to leave the Montgomery domain. Every function is constant-time: loops run a fixed
 * number of times, carries and borrows are computed arithmetically, and the final conditional
 * subtraction of l is a masked select. Inversion is Fermat's a^(l-2), whose exponent is public.
 */
final class ScalarArithmetic {
  static final int WORDS = 8;
  static final BigInteger ORDER =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final long MASK = 0xFFFF_FFFFL;
  private static final int[] L = fromBigInteger(ORDER);
  private static final BigInteger R = BigInteger.ONE.shiftLeft(256);
  private static final int[] R1 = fromBigInteger(R.mod(ORDER));
  private static final int[] R2 = fromBigInteger(R.multiply(R).mod(ORDER));
  private static final int[] ONE = fromBigInteger(BigInteger.ONE);

  /** -l^-1 mod 2^32. */
  private static final long N0_INV =
      BigInteger.ONE
          .shiftLeft(32)
          .subtract(ORDER.modInverse(BigInteger.ONE.shiftLeft(32)))
          .longValueExact();

  private ScalarArithmetic() {}

  static int[] fromBigInteger(BigInteger v) {
    int[] w = new int[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = v.shiftRight(32 * i).intValue();
    }
    return w;
  }

  static BigInteger toBigInteger(int[] w) {
    BigInteger v = BigInteger.ZERO;
    for (int i = WORDS - 1; i >= 0; i--) {
      v = v.shiftLeft(32).or(BigInteger.valueOf(w[i] & MASK));
    }
    return v;
  }

  /** Reads 32 little-endian bytes at offset as 8 words (no reduction). */
  static int[] load(byte[] b, int off) {
    int[] w = new int[WORDS];
    for (int i = 0; i < WORDS; i++) {
      int o = off + 4 * i;
      w[i] = (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
    }
    return w;
  }

  static byte[] store(int[] w) {
    byte[] b = new byte[32];
    for (int i = 0; i < WORDS; i++) {
      b[4 * i] = (byte) w[i];
      b[4 * i + 1] = (byte) (w[i] >>> 8);
      b[4 * i + 2] = (byte) (w[i] >>> 16);
      b[4 * i + 3] = (byte) (w[i] >>> 24);
    }
    return b;
  }

  /** Returns 1 if the 256-bit value w is below l, else 0 (constant-time). */
  static int isBelowOrder(int[] w) {
    long borrow = 0;
    for (int i = 0; i < WORDS; i++) {
      long s = (w[i] & MASK) - (L[i] & MASK) - borrow;
      borrow = s >>> 63;
    }
    return (int) borrow;
  }

  /**
   * Subtracts l from the (WORDS+1)-word value t when t >= l; t must be below 2l.
   *
   * @return the reduced value in [0, l)
   */
  private static int[] reduceOnce(long[] t) {
    int[] diff = new int[WORDS];
    long borrow = 0;
    for (int i = 0; i < WORDS; i++) {
      long s = t[i] - (L[i] & MASK) - borrow;
      diff[i] = (int) s;
      borrow = s >>> 63;
    }
    // t >= l exactly when the top word covers the borrow.
    long useDiff = 1 + ((t[WORDS] - borrow) >> 63);
    long mask = -useDiff;
    int[] r = new int[WORDS];
    for (int i = 0; i < WORDS; i++) {
      r[i] = (int) (((diff[i] & MASK) & mask) | (t[i] & ~mask));
    }
    return r;
  }

  /** Montgomery product a * b / 2^256 mod l, for a < 2^256 and b < l. */
  static int[] montMul(int[] a, int[] b) {
    long[] t = new long[WORDS + 2];
    for (int i = 0; i < WORDS; i++) {
      long bi = b[i] & MASK;
      long c = 0;
      long s;
      for (int j = 0; j < WORDS; j++) {
        // At most (2^32-1)^2 + 2(2^32-1) = 2^64-1: exact as an unsigned long.
        s = t[j] + (a[j] & MASK) * bi + c;
        t[j] = s & MASK;
        c = s >>> 32;
      }
      s = t[WORDS] + c;
      t[WORDS] = s & MASK;
      t[WORDS + 1] = s >>> 32;
      long m = (t[0] * N0_INV) & MASK;
      s = t[0] + m * (L[0] & MASK);
      c = s >>> 32;
      for (int j = 1; j < WORDS; j++) {
        s = t[j] + m * (L[j] & MASK) + c;
        t[j - 1] = s & MASK;
        c = s >>> 32;
      }
      s = t[WORDS] + c;
      t[WORDS - 1] = s & MASK;
      t[WORDS] = t[WORDS + 1] + (s >>> 32);
    }
    return reduceOnce(t);
  }

  static int[] add(int[] a, int[] b) {
    long[] t = new long[WORDS + 1];
    long c = 0;
    for (int i = 0; i < WORDS; i++) {
      long s = (a[i] & MASK) + (b[i] & MASK) + c;
      t[i] = s & MASK;
      c = s >>> 32;
    }
    t[WORDS] = c;
    return reduceOnce(t);
  }

  static int[] sub(int[] a, int[] b) {
    int[] d = new int[WORDS];
    long borrow = 0;
    for (int i = 0; i < WORDS; i++) {
      long s = (a[i] & MASK) - (b[i] & MASK) - borrow;
      d[i] = (int) s;
      borrow = s >>> 63;
    }
    // On borrow, add l back.
    long mask = -borrow;
    long c = 0;
    for (int i = 0; i < WORDS; i++) {
      long s = (d[i] & MASK) + ((L[i] & MASK) & mask) + c;
      d[i] = (int) s;
      c = s >>> 32;
    }
    return d;
  }

  static int[] mul(int[] a, int[] b) {
    return montMul(montMul(a, b), R2);
  }

  /** Reduces a 512-bit little-endian value: lo + hi * 2^256 mod l. */
  static int[] reduceWide(byte[] b) {
    int[] lo = load(b, 0);
    int[] hi = load(b, 32);
    // montMul(lo, R mod l) = lo; montMul(hi, R^2 mod l) = hi * R.
    return add(montMul(lo, R1), montMul(hi, R2));
  }

  /** a^(l-2) mod l: the inverse of a nonzero a (Fermat; the exponent is public). */
  static int[] invert(int[] a) {
    int[] am = montMul(a, R2);
    int[] acc = R1.clone();
    BigInteger e = ORDER.subtract(BigInteger.TWO);
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      acc = montMul(acc, acc);
      if (e.testBit(i)) {
        acc = montMul(acc, am);
      }
    }
    return montMul(acc, ONE);
  }

  /** Returns 1 if a and b hold the same words, else 0 (constant-time). */
  static int equal(int[] a, int[] b) {
    int d = 0;
    for (int i = 0; i < WORDS; i++) {
      d |= a[i] ^ b[i];
    }
    return ((d | -d) >>> 31) ^ 1;
  }
}
