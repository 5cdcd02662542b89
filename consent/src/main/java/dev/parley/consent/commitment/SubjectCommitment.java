package dev.parley.consent.commitment;

import dev.parley.consent.model.SubjectToken;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The salted subject commitment written on the ledger instead of the subject: {@code
 * HMAC-SHA256(key = salt, message = token)} (RFC 2104 with SHA-256, as tested by RFC 4231), where
 * the salt is 32 random bytes held only for this subject by {@link SaltStore}.
 *
 * <p>Why a keyed commitment: the ledger is public to auditors, so it must not let anyone recompute
 * which entries belong to a person. A bare hash of the token could be recomputed by anyone holding
 * the token (partners hold tokens in the clean room); with a secret per-subject salt the commitment
 * is a pseudorandom value, and it stays the same across the subject's entries so the subject's
 * history on the ledger is coherent.
 *
 * <p>The trade-off, on erasure: the salt is destroyed, after which no one, the operator included,
 * can link the subject's old entries to the person, because recomputing the commitment needs the
 * salt. The entries themselves stay (the ledger is append-only and its integrity must not depend on
 * erasure), still showing that some subject changed consent for a partner and purposes at a time.
 * The cost is that after erasure nobody can prove, from the ledger, what that person had consented
 * to; that is the intended effect of erasure. Before erasure, the operator (who holds the salt) can
 * link entries to a token, which is acceptable because the operator already holds the consent
 * records themselves.
 */
public final class SubjectCommitment {
  /** The salt length in bytes. */
  public static final int SALT_BYTES = 32;

  private static final HexFormat HEX = HexFormat.of();

  private SubjectCommitment() {}

  /**
   * Computes the commitment bytes.
   *
   * @param salt the subject's 32-byte salt
   * @param token the subject's token
   * @return 32 bytes of HMAC-SHA256
   * @throws IllegalArgumentException if the salt is not 32 bytes
   */
  public static byte[] compute(byte[] salt, SubjectToken token) {
    Objects.requireNonNull(salt, "salt");
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("salt: must be " + SALT_BYTES + " bytes");
    }
    return hmacSha256(salt, token.bytes());
  }

  /**
   * Computes the commitment as the ledger writes it: 64 lowercase hexadecimal characters.
   *
   * @param salt the subject's salt
   * @param token the subject's token
   * @return the hex commitment
   */
  public static String hex(byte[] salt, SubjectToken token) {
    return HEX.formatHex(compute(salt, token));
  }

  /**
   * HMAC-SHA256 (RFC 2104 over SHA-256) through the JDK provider.
   *
   * @param key the key
   * @param message the message
   * @return the 32-byte tag
   */
  static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
