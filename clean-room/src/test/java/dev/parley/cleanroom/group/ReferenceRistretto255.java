package dev.parley.cleanroom.group;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A deliberately plain model of ristretto255 (RFC 9496 §4) for differential tests of the optimized
 * group code; test code only, not constant-time.
 *
 * <p>It shares no code with the main implementation: its field arithmetic is a schoolbook radix
 * 2^51 product with exact 128-bit partial products ({@link Math#multiplyHigh}) and two full carry
 * passes, canonical forms go through BigInteger, exponentiations are square-and-multiply over the
 * exponent's bits, points use the textbook formulas add-2008-hwcd and dbl-2008-hwcd (Hisil, Wong,
 * Carter, Dawson), and scalar multiplication is most-significant-bit-first double-and-add. The
 * functions follow the pseudocode of RFC 9496 §4.2 and §4.3 line by line.
 */
public final class ReferenceRistretto255 {
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final long M51 = (1L << 51) - 1;
  private static final long[] ONE = fe(BigInteger.ONE);
  private static final long[] D =
      fe("37095705934669439343138083508754565189542113879843219016388785533085940283555");
  private static final long[] SQRT_M1 =
      fe("19681161376707505956807079304988542015446066515923890162744021073123829784752");
  private static final long[] SQRT_AD_MINUS_ONE =
      fe("25063068953384623474111414158702152701244531502492656460079210482610430750235");
  private static final long[] INVSQRT_A_MINUS_D =
      fe("54469307008909316920995813868745141605393597292927456921205312896311721017578");
  private static final long[] ONE_MINUS_D_SQ =
      fe("1159843021668779879193775521855586647937357759715417654439879720876111806838");
  private static final long[] D_MINUS_ONE_SQ =
      fe("40440834346308536858101042469323190826248399146238708352240133220865137265952");
  private static final BigInteger P_MINUS_5_OVER_8 =
      P.subtract(BigInteger.valueOf(5)).shiftRight(3);

  private ReferenceRistretto255() {}

  /** A point (X:Y:Z:T) of edwards25519 in extended coordinates. */
  public static final class Point {
    final long[] x;
    final long[] y;
    final long[] z;
    final long[] t;

    Point(long[] x, long[] y, long[] z, long[] t) {
      this.x = x;
      this.y = y;
      this.z = z;
      this.t = t;
    }
  }

  // ---- field: limbs below 2^52 in, limbs below 2^52 out ----

  private static long[] fe(BigInteger v) {
    BigInteger r = v.mod(P);
    long[] z = new long[5];
    for (int i = 0; i < 5; i++) {
      z[i] = r.shiftRight(51 * i).longValue() & M51;
    }
    return z;
  }

  private static long[] fe(String decimal) {
    return fe(new BigInteger(decimal));
  }

  private static BigInteger value(long[] a) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(51).add(BigInteger.valueOf(a[i]));
    }
    return v.mod(P);
  }

  private static long[] carry(long[] t) {
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < 4; k++) {
        t[k + 1] += t[k] >>> 51;
        t[k] &= M51;
      }
      long c = t[4] >>> 51;
      t[4] &= M51;
      t[0] += 19 * c;
    }
    return t;
  }

  private static long[] add(long[] a, long[] b) {
    long[] t = new long[5];
    for (int i = 0; i < 5; i++) {
      t[i] = a[i] + b[i];
    }
    return carry(t);
  }

  private static long[] sub(long[] a, long[] b) {
    // a + 4p - b: 4p has limbs 2^53 - 76 and 2^53 - 4, above any input limb.
    long[] t = new long[5];
    for (int i = 0; i < 5; i++) {
      t[i] = a[i] + (i == 0 ? (1L << 53) - 76 : (1L << 53) - 4) - b[i];
    }
    return carry(t);
  }

  private static long[] neg(long[] a) {
    return sub(new long[5], a);
  }

  private static long[] mul(long[] a, long[] b) {
    // c[k] collects the partial products a_i*b_j with i+j = k: the low 51 bits of each go to c[k],
    // the rest to c[k+1]. Then 2^255 = 19 mod p folds c[5..9] onto c[0..4].
    long[] c = new long[10];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        long low = a[i] * b[j];
        long high = Math.multiplyHigh(a[i], b[j]);
        c[i + j] += low & M51;
        c[i + j + 1] += (high << 13) | (low >>> 51);
      }
    }
    long[] t = new long[5];
    for (int k = 0; k < 5; k++) {
      t[k] = c[k] + 19 * c[k + 5];
    }
    return carry(t);
  }

  private static long[] pow(long[] a, BigInteger e) {
    long[] r = ONE.clone();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      r = mul(r, r);
      if (e.testBit(i)) {
        r = mul(r, a);
      }
    }
    return r;
  }

  private static boolean isNegative(long[] a) {
    return value(a).testBit(0);
  }

  private static boolean isZero(long[] a) {
    return value(a).signum() == 0;
  }

  private static boolean eq(long[] a, long[] b) {
    return value(a).equals(value(b));
  }

  private static long[] abs(long[] a) {
    return isNegative(a) ? neg(a) : a;
  }

  private static byte[] bytes(long[] a) {
    byte[] be = value(a).toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  private static long[] fromBytes(byte[] b, int off) {
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = b[off + i];
    }
    be[1] &= 0x7F;
    return fe(new BigInteger(be));
  }

  // ---- RFC 9496 §4.2 and §4.3 ----

  /** SQRT_RATIO_M1(u, v) (§4.2): returns {was_square ? 1 : 0} and writes r. */
  private static boolean sqrtRatioM1(long[] u, long[] v, long[][] out) {
    long[] v3 = mul(mul(v, v), v);
    long[] v7 = mul(mul(v3, v3), v);
    long[] r = mul(mul(u, v3), pow(mul(u, v7), P_MINUS_5_OVER_8));
    long[] check = mul(v, mul(r, r));
    boolean correctSignSqrt = eq(check, u);
    boolean flippedSignSqrt = eq(check, neg(u));
    boolean flippedSignSqrtI = eq(check, mul(neg(u), SQRT_M1));
    if (flippedSignSqrt || flippedSignSqrtI) {
      r = mul(SQRT_M1, r);
    }
    out[0] = abs(r);
    return correctSignSqrt || flippedSignSqrt;
  }

  /** MAP (§4.3.4) on 32 bytes at offset. */
  private static Point map(byte[] b, int off) {
    long[] t = fromBytes(b, off);
    long[] r = mul(SQRT_M1, mul(t, t));
    long[] u = mul(add(r, ONE), ONE_MINUS_D_SQ);
    long[] v = mul(sub(neg(ONE), mul(r, D)), add(r, D));
    long[][] sOut = new long[1][];
    boolean wasSquare = sqrtRatioM1(u, v, sOut);
    long[] s = sOut[0];
    long[] sPrime = neg(abs(mul(s, t)));
    long[] c = neg(ONE);
    if (!wasSquare) {
      s = sPrime;
      c = r;
    }
    long[] n = sub(mul(mul(c, sub(r, ONE)), D_MINUS_ONE_SQ), v);
    long[] w0 = mul(add(s, s), v);
    long[] w1 = mul(n, SQRT_AD_MINUS_ONE);
    long[] w2 = sub(ONE, mul(s, s));
    long[] w3 = add(ONE, mul(s, s));
    return new Point(mul(w0, w3), mul(w2, w1), mul(w1, w3), mul(w0, w2));
  }

  /**
   * The element derivation of §4.3.4: MAP(b[0:32]) + MAP(b[32:64]).
   *
   * @param uniform 64 bytes
   * @return the point
   */
  public static Point fromUniformBytes(byte[] uniform) {
    return add(map(uniform, 0), map(uniform, 32));
  }

  /**
   * Encode (§4.3.2).
   *
   * @param p the point
   * @return 32 bytes
   */
  public static byte[] encode(Point p) {
    long[] u1 = mul(add(p.z, p.y), sub(p.z, p.y));
    long[] u2 = mul(p.x, p.y);
    long[][] out = new long[1][];
    sqrtRatioM1(ONE, mul(u1, mul(u2, u2)), out);
    long[] invsqrt = out[0];
    long[] den1 = mul(invsqrt, u1);
    long[] den2 = mul(invsqrt, u2);
    long[] zInv = mul(mul(den1, den2), p.t);
    long[] x = p.x;
    long[] y = p.y;
    long[] denInv = den2;
    if (isNegative(mul(p.t, zInv))) {
      x = mul(p.y, SQRT_M1);
      y = mul(p.x, SQRT_M1);
      denInv = mul(den1, INVSQRT_A_MINUS_D);
    }
    if (isNegative(mul(x, zInv))) {
      y = neg(y);
    }
    return bytes(abs(mul(denInv, sub(p.z, y))));
  }

  /**
   * Decode (§4.3.1).
   *
   * @param e 32 bytes
   * @return the point, or null when decoding fails
   */
  public static Point decode(byte[] e) {
    long[] s = fromBytes(e, 0);
    if (!Arrays.equals(bytes(s), e) || isNegative(s)) {
      return null;
    }
    long[] ss = mul(s, s);
    long[] u1 = sub(ONE, ss);
    long[] u2 = add(ONE, ss);
    long[] u2Sqr = mul(u2, u2);
    long[] v = sub(neg(mul(D, mul(u1, u1))), u2Sqr);
    long[][] out = new long[1][];
    boolean wasSquare = sqrtRatioM1(ONE, mul(v, u2Sqr), out);
    long[] invsqrt = out[0];
    long[] denX = mul(invsqrt, u2);
    long[] denY = mul(mul(invsqrt, denX), v);
    long[] x = abs(mul(add(s, s), denX));
    long[] y = mul(u1, denY);
    long[] t = mul(x, y);
    if (!wasSquare || isNegative(t) || isZero(y)) {
      return null;
    }
    return new Point(x, y, ONE.clone(), t);
  }

  /**
   * Unified addition add-2008-hwcd with a = -1.
   *
   * @param p the first point
   * @param q the second point
   * @return p + q
   */
  public static Point add(Point p, Point q) {
    long[] a = mul(p.x, q.x);
    long[] b = mul(p.y, q.y);
    long[] c = mul(mul(p.t, D), q.t);
    long[] d = mul(p.z, q.z);
    long[] e = sub(sub(mul(add(p.x, p.y), add(q.x, q.y)), a), b);
    long[] f = sub(d, c);
    long[] g = add(d, c);
    long[] h = add(b, a);
    return new Point(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
  }

  /**
   * Doubling dbl-2008-hwcd with a = -1: A = X^2, B = Y^2, C = 2 Z^2, E = (X+Y)^2 - A - B, G = B -
   * A, F = G - C, H = -A - B; (E F : G H : F G : E H).
   */
  private static Point dbl(Point p) {
    long[] a = mul(p.x, p.x);
    long[] b = mul(p.y, p.y);
    long[] c = mul(p.z, p.z);
    c = add(c, c);
    long[] xy = add(p.x, p.y);
    long[] e = sub(sub(mul(xy, xy), a), b);
    long[] g = sub(b, a);
    long[] f = sub(g, c);
    long[] h = neg(add(a, b));
    return new Point(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
  }

  /**
   * Double-and-add, most significant bit first.
   *
   * @param p the point
   * @param k a non-negative scalar
   * @return k * p
   */
  public static Point multiply(Point p, BigInteger k) {
    Point acc = new Point(new long[5], ONE.clone(), ONE.clone(), new long[5]);
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = dbl(acc);
      if (k.testBit(i)) {
        acc = add(acc, p);
      }
    }
    return acc;
  }

  /**
   * Equals (§4.3.3).
   *
   * @param a the first point
   * @param b the second point
   * @return whether they represent the same element
   */
  public static boolean equal(Point a, Point b) {
    return eq(mul(a.x, b.y), mul(a.y, b.x)) || eq(mul(a.y, b.y), mul(a.x, b.x));
  }
}
