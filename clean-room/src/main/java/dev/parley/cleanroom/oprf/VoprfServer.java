package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The server of the verifiable VOPRF mode (RFC 9497 §3.3.2): BlindEvaluate with a batched DLEQ
 * proof, and Evaluate; immutable and thread-safe.
 */
public final class VoprfServer {
  private final OprfSuite suite = OprfSuite.of(OprfMode.VOPRF);
  private final OprfPrivateKey key;

  /**
   * Creates a server holding skS; clients verify against {@code key.publicKey()}.
   *
   * @param key the private key
   */
  public VoprfServer(OprfPrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * Returns pkS, which clients need to verify proofs.
   *
   * @return the public key
   */
  public OprfPublicKey publicKey() {
    return key.publicKey();
  }

  /**
   * BlindEvaluate(skS, pkS, blindedElements) batched: evaluates every element and proves them all
   * with one proof, using a fresh random proof nonce.
   *
   * @param blindedElements the clients' elements, at least one
   * @param random the source of the proof nonce
   * @return the evaluated elements and the proof
   * @throws OprfException INPUT_VALIDATION_ERROR if any element is the identity (names the index)
   */
  public VerifiableEvaluation blindEvaluate(
      List<RistrettoElement> blindedElements, SecureRandom random) {
    return blindEvaluate(blindedElements, Scalar.random(random));
  }

  /**
   * BlindEvaluate with a given proof nonce r; deterministic, for test vectors. Reusing r for two
   * different proofs reveals skS.
   *
   * @param blindedElements the clients' elements, at least one
   * @param proofRandomScalar the nonce r of GenerateProof
   * @return the evaluated elements and the proof
   */
  public VerifiableEvaluation blindEvaluate(
      List<RistrettoElement> blindedElements, Scalar proofRandomScalar) {
    if (blindedElements.isEmpty()) {
      throw new IllegalArgumentException("blindedElements must not be empty");
    }
    List<RistrettoElement> evaluated = new ArrayList<>(blindedElements.size());
    for (int i = 0; i < blindedElements.size(); i++) {
      RistrettoElement b = blindedElements.get(i);
      OprfSuite.requireNotIdentity(b, "blindedElements[" + i + "]");
      evaluated.add(key.multiplier().multiply(b));
    }
    DleqProof proof =
        Dleq.generateProof(
            suite,
            key.scalar(),
            RistrettoElement.generator(),
            key.publicKey().element(),
            blindedElements,
            evaluated,
            proofRandomScalar);
    return new VerifiableEvaluation(evaluated, proof);
  }

  /**
   * Evaluate(skS, input) (§3.3.1) with the VOPRF context string; equals the client's verified
   * output for the same input.
   *
   * @param input the private input, at most 65534 bytes
   * @return the Nh = 64-byte PRF output
   */
  public byte[] evaluate(byte[] input) {
    return OprfServer.evaluate(suite, key, input);
  }

  /**
   * Evaluate for many inputs with the VOPRF context string; the same outputs as {@link
   * #evaluate(byte[])} on each input, computed with one field inversion for the whole batch.
   *
   * @param inputs the private inputs, each at most 65534 bytes
   * @return one Nh = 64-byte PRF output per input, in order
   * @throws OprfException INVALID_INPUT_ERROR naming the index of an input that hashes to the
   *     identity
   */
  public List<byte[]> evaluate(List<byte[]> inputs) {
    return OprfServer.evaluate(suite, key, inputs);
  }
}
