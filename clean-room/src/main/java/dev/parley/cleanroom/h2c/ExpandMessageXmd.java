package dev.parley.cleanroom.h2c;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * expand_message_xmd with SHA-512 (RFC 9380 §5.3.1): expands a message and a domain separation tag
 * into uniformly random bytes.
 *
 * <p>Implementation note (RFC 9380 §5.3.1, after the pseudocode): "Z_pad depends only on H, and not
 * on the arguments to expand_message_xmd", so the digest state after absorbing Z_pad is kept once
 * and cloned for each b_0. SHA-512 has b_in_bytes = 64 and s_in_bytes = 128.
 */
public final class ExpandMessageXmd {
  /** Maximum DST length: "DST, a byte string of at most 255 bytes". */
  public static final int MAX_DST_LENGTH = 255;

  /** Maximum output: "not greater than the lesser of (255 * b_in_bytes) or 2^16-1". */
  public static final int MAX_OUTPUT_LENGTH = 255 * 64;

  private static final int B_IN_BYTES = 64;
  private static final int S_IN_BYTES = 128;
  private static final MessageDigest AFTER_Z_PAD;

  static {
    MessageDigest md = sha512();
    md.update(new byte[S_IN_BYTES]);
    AFTER_Z_PAD = md;
  }

  private ExpandMessageXmd() {}

  /**
   * Computes expand_message_xmd(msg, DST, len_in_bytes) with H = SHA-512.
   *
   * @param msg the message, any length
   * @param dst the domain separation tag, 1..255 bytes
   * @param lenInBytes the output length, 1..16320
   * @return lenInBytes uniformly random bytes
   * @throws IllegalArgumentException if dst or lenInBytes is out of range (step 2, ABORT)
   */
  public static byte[] expand(byte[] msg, byte[] dst, int lenInBytes) {
    Objects.requireNonNull(msg, "msg");
    Objects.requireNonNull(dst, "dst");
    // 1. ell = ceil(len_in_bytes / b_in_bytes)
    // 2. ABORT if ell > 255 or len_in_bytes > 65535 or len(DST) > 255
    if (lenInBytes < 1 || lenInBytes > MAX_OUTPUT_LENGTH) {
      throw new IllegalArgumentException(
          "len_in_bytes must be in [1, " + MAX_OUTPUT_LENGTH + "], got " + lenInBytes);
    }
    if (dst.length == 0 || dst.length > MAX_DST_LENGTH) {
      throw new IllegalArgumentException(
          "DST length must be in [1, " + MAX_DST_LENGTH + "], got " + dst.length);
    }
    int ell = (lenInBytes + B_IN_BYTES - 1) / B_IN_BYTES;
    // 3. DST_prime = DST || I2OSP(len(DST), 1)
    byte[] dstPrime = new byte[dst.length + 1];
    System.arraycopy(dst, 0, dstPrime, 0, dst.length);
    dstPrime[dst.length] = (byte) dst.length;
    // 6. msg_prime = Z_pad || msg || l_i_b_str || I2OSP(0, 1) || DST_prime
    // 7. b_0 = H(msg_prime)
    MessageDigest md = cloneAfterZPad();
    md.update(msg);
    md.update((byte) (lenInBytes >>> 8));
    md.update((byte) lenInBytes);
    md.update((byte) 0);
    md.update(dstPrime);
    byte[] b0 = md.digest();
    // 8. b_1 = H(b_0 || I2OSP(1, 1) || DST_prime)
    byte[] out = new byte[lenInBytes];
    byte[] previous = new byte[B_IN_BYTES];
    byte[] input = new byte[B_IN_BYTES];
    MessageDigest h = PLAIN.get(); // digest() below leaves it reset for the next use
    for (int i = 1; i <= ell; i++) {
      // 10. b_i = H(strxor(b_0, b_(i - 1)) || I2OSP(i, 1) || DST_prime); for i = 1, previous
      // is all zeros, so the input is b_0 itself as step 8 says.
      for (int j = 0; j < B_IN_BYTES; j++) {
        input[j] = (byte) (b0[j] ^ previous[j]);
      }
      h.update(input);
      h.update((byte) i);
      h.update(dstPrime);
      previous = h.digest();
      // 11-12. uniform_bytes = b_1 || ... || b_ell, truncated to len_in_bytes
      int offset = (i - 1) * B_IN_BYTES;
      System.arraycopy(previous, 0, out, offset, Math.min(B_IN_BYTES, lenInBytes - offset));
    }
    return out;
  }

  /** One reusable SHA-512 per thread: getInstance() does a provider lookup on every call. */
  private static final ThreadLocal<MessageDigest> PLAIN =
      ThreadLocal.withInitial(ExpandMessageXmd::sha512);

  private static MessageDigest cloneAfterZPad() {
    try {
      return (MessageDigest) AFTER_Z_PAD.clone();
    } catch (CloneNotSupportedException e) {
      MessageDigest md = sha512();
      md.update(new byte[S_IN_BYTES]);
      return md;
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every Java platform", e);
    }
  }
}
