package dev.parley.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference model: RFC 9162 §2.1 MTH, PATH and SUBPROOF written as the RFC's recursive
 * definitions over a list of leaf hashes, with its own SHA-256 (independent of {@link MerkleHash}).
 * MTH results are memoized (the leaves never change), which keeps property tests fast without
 * changing the definition.
 */
final class NaiveMerkle {
  private final List<byte[]> leaves;
  private final Map<Long, byte[]> memo = new HashMap<>();

  NaiveMerkle(List<byte[]> leafHashes) {
    this.leaves = leafHashes;
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] leaf(byte[] entry) {
    return sha256(new byte[] {0}, entry);
  }

  static byte[] node(byte[] left, byte[] right) {
    return sha256(new byte[] {1}, left, right);
  }

  /** The largest power of two smaller than n (n > 1). */
  static long split(long n) {
    long k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[lo:hi]). */
  byte[] mth(int lo, int hi) {
    int n = hi - lo;
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leaves.get(lo);
    }
    long key = ((long) lo << 32) | hi;
    byte[] cached = memo.get(key);
    if (cached == null) {
      int k = (int) split(n);
      cached = node(mth(lo, lo + k), mth(lo + k, hi));
      memo.put(key, cached);
    }
    return cached;
  }

  /** PATH(m, D[lo:hi]), m relative to lo. */
  List<byte[]> path(int m, int lo, int hi) {
    int n = hi - lo;
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = (int) split(n);
    List<byte[]> out;
    if (m < k) {
      out = path(m, lo, lo + k);
      out.add(mth(lo + k, hi));
    } else {
      out = path(m - k, lo + k, hi);
      out.add(mth(lo, lo + k));
    }
    return out;
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
  List<byte[]> proof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  /** SUBPROOF(m, D[lo:hi], b), m relative to lo. */
  private List<byte[]> subproof(int m, int lo, int hi, boolean b) {
    int n = hi - lo;
    if (m == n) {
      List<byte[]> out = new ArrayList<>();
      if (!b) {
        out.add(mth(lo, hi));
      }
      return out;
    }
    int k = (int) split(n);
    List<byte[]> out;
    if (m <= k) {
      out = subproof(m, lo, lo + k, b);
      out.add(mth(lo + k, hi));
    } else {
      out = subproof(m - k, lo + k, hi, false);
      out.add(mth(lo, lo + k));
    }
    return out;
  }
}
