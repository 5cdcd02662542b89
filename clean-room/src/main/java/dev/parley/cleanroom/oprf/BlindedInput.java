package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.ledger.secret.SecretKeyAccess;

/**
 * The client state after Blind (RFC 9497 §3.3.1): the private input, the secret blind and the
 * blinded element to send to the server; immutable.
 *
 * <p>Only {@link #blindedElement()} is meant to leave the client. The input and blind are kept for
 * Finalize; {@link #toString()} shows neither.
 */
public final class BlindedInput {
  private final OprfMode mode;
  private final byte[] input;
  private final Scalar blind;
  private final RistrettoElement blindedElement;

  BlindedInput(OprfMode mode, byte[] input, Scalar blind, RistrettoElement blindedElement) {
    this.mode = mode;
    this.input = input.clone();
    this.blind = blind;
    this.blindedElement = blindedElement;
  }

  /**
   * Returns the mode whose HashToGroup DST blinded the input; Finalize must use the same mode.
   *
   * @return the mode
   */
  public OprfMode mode() {
    return mode;
  }

  /**
   * Returns blindedElement = blind * HashToGroup(input), the value sent to the server.
   *
   * @return the blinded element
   */
  public RistrettoElement blindedElement() {
    return blindedElement;
  }

  /**
   * Returns the 32-byte encoding of the secret blind, e.g. to persist client state.
   *
   * @param access the token declaring that the caller handles secret bytes
   * @return a fresh array
   */
  public byte[] blindBytes(SecretKeyAccess access) {
    SecretKeyAccess.require(access);
    return blind.toBytes();
  }

  byte[] input() {
    return input.clone();
  }

  Scalar blind() {
    return blind;
  }

  /** Returns a fixed string: the input and blind are private. */
  @Override
  public String toString() {
    return "BlindedInput[" + mode + ", redacted]";
  }

  /**
   * Blind(input) with a given blind (§3.3.1): blindedElement = blind * HashToGroup(input).
   *
   * @throws OprfException INVALID_INPUT_ERROR if the input hashes to the identity
   */
  static BlindedInput blind(OprfSuite suite, byte[] input, Scalar blind) {
    OprfSuite.requireInputLength(input, "input");
    if (blind == null || blind.isZero()) {
      throw new OprfException(
          OprfException.Kind.INPUT_VALIDATION_ERROR, "blind must be a nonzero scalar");
    }
    RistrettoElement inputElement = suite.hashToGroup(input);
    if (inputElement.isIdentity()) {
      throw new OprfException(
          OprfException.Kind.INVALID_INPUT_ERROR, "input hashes to the identity element");
    }
    return new BlindedInput(suite.mode(), input, blind, inputElement.multiply(blind));
  }

  /** N = ScalarInverse(blind) * evaluatedElement, then the Finalize hash (§3.3.1). */
  byte[] unblindAndHash(RistrettoElement evaluatedElement) {
    RistrettoElement n = evaluatedElement.multiply(blind.invert());
    return OprfSuite.finalizeHash(input, n);
  }
}
