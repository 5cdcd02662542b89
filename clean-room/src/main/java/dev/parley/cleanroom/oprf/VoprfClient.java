package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client of the verifiable VOPRF mode (RFC 9497 §3.3.2): Blind, then Finalize after verifying
 * the server's DLEQ proof against pkS; immutable and thread-safe.
 */
public final class VoprfClient {
  private final OprfSuite suite = OprfSuite.of(OprfMode.VOPRF);
  private final OprfPublicKey serverKey;

  /**
   * Creates a client that trusts the server key pkS.
   *
   * @param serverKey pkS
   */
  public VoprfClient(OprfPublicKey serverKey) {
    this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
  }

  /**
   * Blind(input) with a fresh random blind.
   *
   * @param input the private input, at most 65534 bytes
   * @param random the source of the blind
   * @return the client state
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
   * Finalize for one input: verifies the proof, then unblinds and hashes.
   *
   * @param blinded the state returned by blind
   * @param evaluatedElement the server's element
   * @param proof the server's proof
   * @return the 64-byte output
   * @throws OprfException VERIFY_ERROR if the proof fails; INPUT_VALIDATION_ERROR for an identity
   */
  public byte[] finalizeOutput(
      BlindedInput blinded, RistrettoElement evaluatedElement, DleqProof proof) {
    return finalizeOutputs(List.of(blinded), List.of(evaluatedElement), proof).getFirst();
  }

  /**
   * Finalize for a batch answered with one proof: "if VerifyProof(G.Generator(), pkS,
   * blindedElements, evaluatedElements, proof) == false: raise VerifyError", then each output.
   *
   * @param blinded the states returned by blind, in request order
   * @param evaluated the server's evaluated elements, same order
   * @param proof the server's batched proof
   * @return one 64-byte output per input
   * @throws OprfException VERIFY_ERROR if the proof fails; INPUT_VALIDATION_ERROR for an identity
   */
  public List<byte[]> finalizeOutputs(
      List<BlindedInput> blinded, List<RistrettoElement> evaluated, DleqProof proof) {
    if (blinded.isEmpty() || blinded.size() != evaluated.size()) {
      throw new IllegalArgumentException(
          "need one evaluated element per blinded input, got "
              + evaluated.size()
              + " for "
              + blinded.size());
    }
    List<RistrettoElement> blindedElements = new ArrayList<>(blinded.size());
    for (int i = 0; i < blinded.size(); i++) {
      BlindedInput b = blinded.get(i);
      if (b.mode() != OprfMode.VOPRF) {
        throw new IllegalArgumentException("blinded[" + i + "] was blinded for mode " + b.mode());
      }
      OprfSuite.requireNotIdentity(evaluated.get(i), "evaluatedElements[" + i + "]");
      blindedElements.add(b.blindedElement());
    }
    if (!Dleq.verifyProof(
        suite,
        RistrettoElement.generator(),
        serverKey.element(),
        blindedElements,
        evaluated,
        proof)) {
      throw new OprfException(OprfException.Kind.VERIFY_ERROR, "DLEQ proof does not verify");
    }
    List<byte[]> outputs = new ArrayList<>(blinded.size());
    for (int i = 0; i < blinded.size(); i++) {
      outputs.add(blinded.get(i).unblindAndHash(evaluated.get(i)));
    }
    return outputs;
  }
}
