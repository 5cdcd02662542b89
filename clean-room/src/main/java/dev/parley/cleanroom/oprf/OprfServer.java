package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import java.util.Objects;

/**
 * The server of the base OPRF mode (RFC 9497 §3.3.1): BlindEvaluate for clients and Evaluate for
 * direct evaluation; immutable and thread-safe.
 *
 * <p>Every multiplication by skS is constant-time in skS.
 */
public final class OprfServer {
  private final OprfSuite suite = OprfSuite.of(OprfMode.OPRF);
  private final OprfPrivateKey key;

  /**
   * Creates a server holding skS.
   *
   * @param key the private key
   */
  public OprfServer(OprfPrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * BlindEvaluate(skS, blindedElement) = skS * blindedElement.
   *
   * @param blindedElement the client's element, already deserialized
   * @return the evaluated element
   * @throws OprfException INPUT_VALIDATION_ERROR if blindedElement is the identity
   */
  public RistrettoElement blindEvaluate(RistrettoElement blindedElement) {
    OprfSuite.requireNotIdentity(blindedElement, "blindedElement");
    return blindedElement.multiply(key.scalar());
  }

  /**
   * Evaluate(skS, input) (§3.3.1): Hash(len || input || len || SerializeElement(skS *
   * HashToGroup(input)) || "Finalize"), the PRF computed directly by the key holder. This is the
   * fast path for tokenizing identifiers; it equals what a client gets from Blind, BlindEvaluate,
   * Finalize on the same input.
   *
   * @param input the private input, at most 65534 bytes
   * @return the Nh = 64-byte PRF output
   * @throws OprfException INVALID_INPUT_ERROR if the input hashes to the identity
   */
  public byte[] evaluate(byte[] input) {
    return evaluate(suite, key, input);
  }

  static byte[] evaluate(OprfSuite suite, OprfPrivateKey key, byte[] input) {
    OprfSuite.requireInputLength(input, "input");
    RistrettoElement inputElement = suite.hashToGroup(input);
    if (inputElement.isIdentity()) {
      throw new OprfException(
          OprfException.Kind.INVALID_INPUT_ERROR, "input hashes to the identity element");
    }
    return OprfSuite.finalizeHash(input, inputElement.multiply(key.scalar()));
  }
}
