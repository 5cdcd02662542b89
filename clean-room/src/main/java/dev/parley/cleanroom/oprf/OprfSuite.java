package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.InvalidEncodingException;
import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.cleanroom.h2c.HashToRistretto255;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The ciphersuite OPRF(ristretto255, SHA-512) of RFC 9497 §4.1 in one mode, with its context string
 * and domain separation tags; immutable.
 *
 * <p>"contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier" (§3.1), identifier
 * "ristretto255-SHA512". HashToGroup uses DST "HashToGroup-" || contextString, HashToScalar DST
 * "HashToScalar-" || contextString, both with expand_message_xmd(SHA-512) (§4.1).
 */
public final class OprfSuite {
  /** The ciphersuite identifier. */
  public static final String IDENTIFIER = "ristretto255-SHA512";

  /** Nh: SHA-512 output length, the length of every OPRF output. */
  public static final int HASH_LENGTH = 64;

  /** Inputs "MUST be smaller than 2^16-1 bytes in length" (RFC 9497 §5.1): at most 65534 bytes. */
  public static final int MAX_INPUT_LENGTH = 0xFFFF - 1;

  private static final OprfSuite OPRF_SUITE = new OprfSuite(OprfMode.OPRF);
  private static final OprfSuite VOPRF_SUITE = new OprfSuite(OprfMode.VOPRF);

  private final OprfMode mode;
  private final byte[] contextString;
  private final byte[] hashToGroupDst;
  private final byte[] hashToScalarDst;

  private OprfSuite(OprfMode mode) {
    this.mode = mode;
    this.contextString =
        new Transcript()
            .appendAscii("OPRFV1-")
            .appendByte(mode.id())
            .appendAscii("-" + IDENTIFIER)
            .toByteArray();
    this.hashToGroupDst = prefixed("HashToGroup-");
    this.hashToScalarDst = prefixed("HashToScalar-");
  }

  /**
   * Returns the suite for a mode.
   *
   * @param mode the protocol variant
   * @return the suite
   */
  public static OprfSuite of(OprfMode mode) {
    return switch (mode) {
      case OPRF -> OPRF_SUITE;
      case VOPRF -> VOPRF_SUITE;
    };
  }

  /**
   * Returns the mode.
   *
   * @return the protocol variant
   */
  public OprfMode mode() {
    return mode;
  }

  /**
   * Returns the context string.
   *
   * @return a fresh copy
   */
  public byte[] contextString() {
    return contextString.clone();
  }

  /** Returns label || contextString (the DSTs and seed labels of §2.2, §3.2.1, §4.1). */
  byte[] prefixed(String label) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(l, l.length + contextString.length);
    System.arraycopy(contextString, 0, out, l.length, contextString.length);
    return out;
  }

  /**
   * HashToGroup(input) with DST "HashToGroup-" || contextString.
   *
   * @param input the bytes to hash
   * @return the element
   */
  public RistrettoElement hashToGroup(byte[] input) {
    return HashToRistretto255.hashToGroup(input, hashToGroupDst);
  }

  /**
   * HashToScalar(input) with DST "HashToScalar-" || contextString.
   *
   * @param input the bytes to hash
   * @return the scalar
   */
  public Scalar hashToScalar(byte[] input) {
    return HashToRistretto255.hashToScalar(input, hashToScalarDst);
  }

  /**
   * DeserializeElement (§4.1): RFC 9496 decoding, then "validates that the resulting element is not
   * the group identity element".
   *
   * @param bytes the 32-byte encoding
   * @param what the name and index of the value, for the error message
   * @return the element
   * @throws OprfException DESERIALIZE_ERROR for an invalid encoding, INPUT_VALIDATION_ERROR for the
   *     identity
   */
  public static RistrettoElement deserializeElement(byte[] bytes, String what) {
    RistrettoElement e;
    try {
      e = RistrettoElement.decode(bytes);
    } catch (InvalidEncodingException ex) {
      throw new OprfException(
          OprfException.Kind.DESERIALIZE_ERROR, what + ": " + ex.getMessage(), ex);
    }
    requireNotIdentity(e, what);
    return e;
  }

  /**
   * DeserializeScalar (§4.1): a canonical little-endian scalar below the group order.
   *
   * @param bytes the 32-byte encoding
   * @param what the name and index of the value, for the error message
   * @return the scalar
   * @throws OprfException DESERIALIZE_ERROR when not canonical
   */
  public static Scalar deserializeScalar(byte[] bytes, String what) {
    try {
      return Scalar.decode(bytes);
    } catch (InvalidEncodingException ex) {
      throw new OprfException(
          OprfException.Kind.DESERIALIZE_ERROR, what + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * Rejects the identity: "Applications MUST check that input Element values ... are not the group
   * identity element" (§3.3).
   */
  static void requireNotIdentity(RistrettoElement e, String what) {
    if (e == null) {
      throw new NullPointerException(what);
    }
    if (e.isIdentity()) {
      throw new OprfException(
          OprfException.Kind.INPUT_VALIDATION_ERROR, what + " is the identity element");
    }
  }

  /** Rejects inputs that cannot be length-prefixed as RFC 9497 §5.1 requires. */
  static void requireInputLength(byte[] input, String what) {
    if (input == null) {
      throw new NullPointerException(what);
    }
    if (input.length > MAX_INPUT_LENGTH) {
      throw new OprfException(
          OprfException.Kind.INPUT_VALIDATION_ERROR,
          what + " is " + input.length + " bytes; at most " + MAX_INPUT_LENGTH + " allowed");
    }
  }

  /** One reusable SHA-512 per thread: getInstance() does a provider lookup on every call. */
  private static final ThreadLocal<MessageDigest> SHA512 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-512");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-512 is required of every Java platform", e);
            }
          });

  /** Hash = SHA-512. */
  static byte[] hash(byte[] data) {
    return SHA512.get().digest(data); // digest() resets the instance
  }

  /**
   * The last step of Finalize and Evaluate (§3.3.1): Hash(I2OSP(len(input), 2) || input ||
   * I2OSP(len(element), 2) || element || "Finalize").
   */
  static byte[] finalizeHash(byte[] input, RistrettoElement element) {
    return finalizeHash(input, element.encode());
  }

  /** {@link #finalizeHash(byte[], RistrettoElement)} with the element already serialized. */
  static byte[] finalizeHash(byte[] input, byte[] issuedElement) {
    Transcript t =
        new Transcript()
            .appendWithLength(input)
            .appendWithLength(issuedElement)
            .appendAscii("Finalize");
    byte[] data = t.toByteArray();
    t.wipe();
    try {
      return hash(data);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "OprfSuite[" + IDENTIFIER + ", " + mode + "]";
  }
}
