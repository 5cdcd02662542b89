package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import java.util.ArrayList;
import java.util.List;
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
    return key.multiplier().multiply(blindedElement);
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

  /**
   * Evaluate(skS, input) for many inputs: the same outputs as {@link #evaluate(byte[])} on each
   * input, computed with one field inversion for the whole batch instead of one inverse square root
   * per input (see {@link dev.parley.cleanroom.group.ScalarMultiplier#multiplyAndEncode}).
   *
   * @param inputs the private inputs, each at most 65534 bytes
   * @return one Nh = 64-byte PRF output per input, in order
   * @throws OprfException INVALID_INPUT_ERROR naming the index of an input that hashes to the
   *     identity
   */
  public List<byte[]> evaluate(List<byte[]> inputs) {
    return evaluate(suite, key, inputs);
  }

  static List<byte[]> evaluate(OprfSuite suite, OprfPrivateKey key, List<byte[]> inputs) {
    List<RistrettoElement> elements = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      byte[] input = inputs.get(i);
      String what = "inputs[" + i + "]";
      OprfSuite.requireInputLength(input, what);
      RistrettoElement element = suite.hashToGroup(input);
      if (element.isIdentity()) {
        throw new OprfException(
            OprfException.Kind.INVALID_INPUT_ERROR, what + " hashes to the identity element");
      }
      elements.add(element);
    }
    List<byte[]> issued = key.multiplier().multiplyAndEncode(elements);
    List<byte[]> outputs = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      outputs.add(OprfSuite.finalizeHash(inputs.get(i), issued.get(i)));
    }
    return outputs;
  }

  static byte[] evaluate(OprfSuite suite, OprfPrivateKey key, byte[] input) {
    OprfSuite.requireInputLength(input, "input");
    RistrettoElement inputElement = suite.hashToGroup(input);
    if (inputElement.isIdentity()) {
      throw new OprfException(
          OprfException.Kind.INVALID_INPUT_ERROR, "input hashes to the identity element");
    }
    return OprfSuite.finalizeHash(input, key.multiplier().multiply(inputElement));
  }
}
