package dev.parley.cleanroom.group;

/**
 * Variable-base scalar multiplication k * P with a signed radix-16 recoding of k.
 *
 * <p>Constant-time design. RFC 9497 §7.4 (Timing Leaks): "all operations that use secret data MUST
 * run in constant time"; the scalar here is the server key skS of RFC 9497 §3.3.1 (BlindEvaluate,
 * Evaluate) or a client blind, and the point is a ristretto255 element of RFC 9496 §4. The scalar
 * (below l < 2^253, RFC 9496 §4.4) is recoded into 64 digits e_i in [-8, 8), the top one in [0, 8],
 * with k = sum(e_i 16^i); the recoding is branch-free arithmetic on the bytes. A key that is used
 * many times is recoded once ({@link ScalarMultiplier}); the digits are as secret as the key. For
 * each point a table of the cached forms of 0P..8P is built (by doublings and additions whose order
 * is fixed), then each step doubles the accumulator four times and adds |e_i| P, negated when e_i <
 * 0. The table entry is selected by reading all nine entries and keeping one with masks derived
 * arithmetically from the digit, and the conditional negation is a masked swap: neither the
 * sequence of field operations, nor any branch, nor any memory address depends on a digit. The
 * field arithmetic underneath is constant-time as well ({@link Field25519}, {@link Radix51}).
 */
final class SignedRadix16 {
  /** Number of radix-16 digits of a 256-bit scalar. */
  static final int DIGITS = 64;

  private static final int TABLE_SIZE = 8;

  private SignedRadix16() {}

  /**
   * Recodes a 32-byte little-endian scalar below 2^253 into 64 signed digits (constant-time).
   *
   * @param k the scalar; callers pass canonical scalars (below l), so the top digit stays in [0, 8]
   * @return the digits, least significant first; as secret as k
   */
  static byte[] recode(byte[] k) {
    // Only the public length is checked here, never a bit of the secret value.
    if (k.length != 32) {
      throw new IllegalArgumentException("scalar must be 32 bytes, got " + k.length);
    }
    byte[] e = new byte[DIGITS];
    for (int i = 0; i < 32; i++) {
      e[2 * i] = (byte) (k[i] & 15);
      e[2 * i + 1] = (byte) ((k[i] >>> 4) & 15);
    }
    int carry = 0;
    for (int i = 0; i < DIGITS - 1; i++) {
      int v = e[i] + carry;
      carry = (v + 8) >> 4;
      e[i] = (byte) (v - (carry << 4));
    }
    e[DIGITS - 1] = (byte) (e[DIGITS - 1] + carry);
    return e;
  }

  /**
   * Returns k * p for k given by its {@link #recode recoded} digits (constant-time in k).
   *
   * @param p the point (not modified)
   * @param digits 64 digits from {@link #recode}
   * @return a new point with T computed
   */
  static EdwardsPoint multiply(EdwardsPoint p, byte[] digits) {
    return multiply(p, digits, new Workspace());
  }

  /**
   * {@link #multiply(EdwardsPoint, byte[])} with reusable temporaries, for batches: one workspace
   * serves any number of sequential multiplications on one thread (it holds secret-dependent values
   * between calls, as the digits do).
   */
  static EdwardsPoint multiply(EdwardsPoint p, byte[] digits, Workspace w) {
    if (digits.length != DIGITS) {
      throw new IllegalArgumentException("expected " + DIGITS + " digits, got " + digits.length);
    }
    table(p, w);
    EdwardsPoint.Scratch s = w.scratch;
    EdwardsPoint.Cached selected = w.selected;

    // The accumulator starts as the identity, whose four doublings would be wasted.
    EdwardsPoint acc = EdwardsPoint.identity();
    select(w.table, digits[DIGITS - 1], w.masks, w.staging, selected);
    acc.add(selected, s, false);
    for (int i = DIGITS - 2; i >= 0; i--) {
      acc.dbl(s, false);
      acc.dbl(s, false);
      acc.dbl(s, false);
      acc.dbl(s, true);
      select(w.table, digits[i], w.masks, w.staging, selected);
      acc.add(selected, s, i == 0);
    }
    return acc;
  }

  /** The temporaries of one multiplication, reused across a batch so the loop allocates little. */
  static final class Workspace {
    final EdwardsPoint.Scratch scratch = new EdwardsPoint.Scratch();
    final long[] table = new long[(TABLE_SIZE + 1) * EdwardsPoint.Cached.LIMBS];
    final long[] masks = new long[TABLE_SIZE + 1];
    final long[] staging = new long[EdwardsPoint.Cached.LIMBS];
    final EdwardsPoint.Cached selected = new EdwardsPoint.Cached();
    final EdwardsPoint.Cached one = new EdwardsPoint.Cached();
    final EdwardsPoint.Cached cached = new EdwardsPoint.Cached();
    final EdwardsPoint[] multiples = new EdwardsPoint[TABLE_SIZE + 1];

    Workspace() {
      for (int j = 2; j <= TABLE_SIZE; j++) {
        multiples[j] = EdwardsPoint.identity();
      }
    }
  }

  /**
   * Fills w.table with the cached forms of 0P (the identity), 1P, ..., 8P, flattened: entry j holds
   * Y+X, Y-X, 2Z and 2dT at offset 20j. Even multiples come from doublings, odd ones from adding P.
   */
  private static void table(EdwardsPoint p, Workspace w) {
    long[] table = w.table;
    EdwardsPoint[] multiples = w.multiples;
    EdwardsPoint.Cached cached = w.cached;
    cached.setIdentity();
    cached.writeTo(table, 0);
    EdwardsPoint.Cached one = w.one;
    one.set(p);
    one.writeTo(table, EdwardsPoint.Cached.LIMBS);
    multiples[1] = p;
    for (int j = 2; j <= TABLE_SIZE; j++) {
      EdwardsPoint m = multiples[j];
      if (j % 2 == 0) {
        m.set(multiples[j / 2]);
        m.dbl(w.scratch, true);
      } else {
        m.set(multiples[j - 1]);
        m.add(one, w.scratch, true);
      }
      cached.set(m);
      cached.writeTo(table, j * EdwardsPoint.Cached.LIMBS);
    }
    multiples[1] = null;
  }

  /**
   * out = digit * P: every limb of out is the OR of that limb of all nine entries, each ANDed with
   * a mask that is all ones for entry |digit| only, then a masked negation for a negative digit.
   */
  private static void select(
      long[] table, int digit, long[] masks, long[] staging, EdwardsPoint.Cached out) {
    int negative = (digit >>> 31) & 1;
    int magnitude = (digit ^ -negative) + negative;
    for (int j = 0; j <= TABLE_SIZE; j++) {
      masks[j] = -(long) equalMask(magnitude, j);
    }
    out.select(table, masks, negative, staging);
  }

  /** Returns 1 if a == b, else 0, for small non-negative ints (constant-time). */
  private static int equalMask(int a, int b) {
    int d = a ^ b;
    return ((d | -d) >>> 31) ^ 1;
  }
}
