package dev.parley.consent.model;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A subject's matching token: the only identifier by which the consent store finds a person (never
 * an email or a hash). The bytes are never printed: {@link #toString()} is redacted. In the stored
 * records the subject appears only as its salted commitment.
 */
public final class SubjectToken {
  /** The shortest token accepted, in bytes. */
  public static final int MIN_BYTES = 16;

  /** The longest token accepted, in bytes (an RFC 9497 ristretto255-SHA512 output). */
  public static final int MAX_BYTES = 64;

  private final byte[] bytes;
  private final int hash;

  private SubjectToken(byte[] bytes) {
    this.bytes = bytes;
    this.hash = java.util.Arrays.hashCode(bytes);
  }

  /**
   * Wraps a copy of token bytes.
   *
   * @param bytes 16-64 bytes
   * @return the token
   * @throws IllegalArgumentException if the length is out of range (the bytes are not echoed)
   */
  public static SubjectToken of(byte[] bytes) {
    Objects.requireNonNull(bytes, "token");
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "token: must be " + MIN_BYTES + "-" + MAX_BYTES + " bytes, got " + bytes.length);
    }
    return new SubjectToken(bytes.clone());
  }

  /**
   * Parses the unpadded base64url form used in APIs.
   *
   * @param text base64url without padding
   * @return the token
   * @throws IllegalArgumentException if it is not base64url or has the wrong length
   */
  public static SubjectToken fromBase64Url(String text) {
    byte[] b;
    try {
      b = Base64.getUrlDecoder().decode(Objects.requireNonNull(text, "token"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("token: not unpadded base64url", e);
    }
    return of(b);
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the token bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the length in bytes.
   *
   * @return 16-64
   */
  public int length() {
    return bytes.length;
  }

  /**
   * Copies the bytes into a buffer.
   *
   * @param dst the destination
   * @param offset where to start
   */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, bytes.length);
  }

  /**
   * Returns the unpadded base64url form.
   *
   * @return the text
   */
  public String toBase64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubjectToken t && MessageDigest.isEqual(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns a redacted description: token bytes are never printed. */
  @Override
  public String toString() {
    return "SubjectToken[" + bytes.length + " bytes, redacted]";
  }
}
