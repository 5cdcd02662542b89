package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import java.security.SecureRandom;

/**
 * The client of the base OPRF mode (RFC 9497 §3.3.1): Blind, then Finalize; stateless and
 * thread-safe.
 *
 * <p>Blinding multiplies by a secret random scalar and unblinding inverts it, both in constant
 * time.
 */
public final class OprfClient {
  private final OprfSuite suite = OprfSuite.of(OprfMode.OPRF);

  /** Creates a client for OPRF(ristretto255, SHA-512) in mode OPRF. */
  public OprfClient() {}

  /**
   * Blind(input) with a fresh random blind.
   *
   * @param input the private input, at most 65534 bytes
   * @param random the source of the blind
   * @return the client state; send {@link BlindedInput#blindedElement()} to the server
   * @throws OprfException INVALID_INPUT_ERROR if the input hashes to the identity
   */
  public BlindedInput blind(byte[] input, SecureRandom random) {
    return BlindedInput.blind(suite, input, Scalar.random(random));
  }

  /**
   * Blind(input) with a given blind; deterministic, for test vectors. Never reuse a blind.
   *
   * @param input the private input
   * @param blind a nonzero secret scalar
   * @return the client state
   */
  public BlindedInput blind(byte[] input, Scalar blind) {
    return BlindedInput.blind(suite, input, blind);
  }

  /**
   * Finalize(input, blind, evaluatedElement): unblinds and hashes.
   *
   * @param blinded the state returned by blind
   * @param evaluatedElement the server's answer
   * @return the Nh = 64-byte OPRF output
   * @throws OprfException INPUT_VALIDATION_ERROR if evaluatedElement is the identity
   */
  public byte[] finalizeOutput(BlindedInput blinded, RistrettoElement evaluatedElement) {
    if (blinded.mode() != OprfMode.OPRF) {
      throw new IllegalArgumentException("input was blinded for mode " + blinded.mode());
    }
    OprfSuite.requireNotIdentity(evaluatedElement, "evaluatedElement");
    return blinded.unblindAndHash(evaluatedElement);
  }
}
