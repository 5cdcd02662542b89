package dev.parley.cleanroom.oprf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.cleanroom.vectors.VectorFile;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9497 Appendix A.1 (ristretto255-SHA512) vectors, from vectors/oprf-*-rfc9497.txt. */
class OprfVectorsTest {
  private static final VectorFile VECTORS =
      VectorFile.load("/vectors/oprf-ristretto255-sha512-rfc9497.txt");

  private static OprfPrivateKey deriveAndCheck(OprfMode mode, VectorFile.Block keys) {
    OprfPrivateKey key = OprfPrivateKey.derive(mode, keys.hex("Seed"), keys.hex("KeyInfo"));
    assertArrayEquals(keys.hex("skSm"), key.toBytes(SecretKeyAccess.grant()), keys + ": skSm");
    if (keys.has("pkSm")) {
      assertArrayEquals(keys.hex("pkSm"), key.publicKey().toBytes(), keys + ": pkSm");
    }
    return key;
  }

  @Test
  void oprfMode_vectors1And2_match() {
    List<VectorFile.Block> blocks = VECTORS.section("oprf");
    OprfPrivateKey key = deriveAndCheck(OprfMode.OPRF, blocks.getFirst());
    OprfClient client = new OprfClient();
    OprfServer server = new OprfServer(key);
    List<VectorFile.Block> vectors = blocks.subList(1, blocks.size());
    assertEquals(2, vectors.size());
    for (VectorFile.Block v : vectors) {
      byte[] input = v.hex("Input");
      BlindedInput blinded = client.blind(input, Scalar.decode(v.hex("Blind")));
      assertArrayEquals(
          v.hex("BlindedElement"), blinded.blindedElement().encode(), v + ": blinded");
      RistrettoElement received =
          OprfSuite.deserializeElement(blinded.blindedElement().encode(), "blindedElement");
      RistrettoElement evaluated = server.blindEvaluate(received);
      assertArrayEquals(v.hex("EvaluationElement"), evaluated.encode(), v + ": evaluated");
      byte[] output =
          client.finalizeOutput(
              blinded, OprfSuite.deserializeElement(evaluated.encode(), "evaluatedElement"));
      assertArrayEquals(v.hex("Output"), output, v + ": Finalize output");
      assertArrayEquals(v.hex("Output"), server.evaluate(input), v + ": Evaluate output");
      assertArrayEquals(
          v.hex("Output"), server.evaluate(List.of(input)).getFirst(), v + ": batched Evaluate");
    }
  }

  @Test
  void voprfMode_vectors1To3IncludingBatch_match() {
    List<VectorFile.Block> blocks = VECTORS.section("voprf");
    OprfPrivateKey key = deriveAndCheck(OprfMode.VOPRF, blocks.getFirst());
    VoprfServer server = new VoprfServer(key);
    VoprfClient client = new VoprfClient(OprfPublicKey.fromBytes(blocks.getFirst().hex("pkSm")));
    List<VectorFile.Block> vectors = blocks.subList(1, blocks.size());
    assertEquals(3, vectors.size());
    int batched = 0;
    for (VectorFile.Block v : vectors) {
      List<byte[]> inputs = v.hexList("Input");
      List<byte[]> blinds = v.hexList("Blind");
      List<byte[]> blindedExpected = v.hexList("BlindedElement");
      List<byte[]> evaluatedExpected = v.hexList("EvaluationElement");
      List<byte[]> outputs = v.hexList("Output");
      batched = Math.max(batched, inputs.size());
      List<BlindedInput> states = new ArrayList<>();
      List<RistrettoElement> sent = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        BlindedInput b = client.blind(inputs.get(i), Scalar.decode(blinds.get(i)));
        assertArrayEquals(
            blindedExpected.get(i), b.blindedElement().encode(), v + ": blinded " + i);
        states.add(b);
        sent.add(OprfSuite.deserializeElement(b.blindedElement().encode(), "blinded " + i));
      }
      VerifiableEvaluation answer =
          server.blindEvaluate(sent, Scalar.decode(v.hex("ProofRandomScalar")));
      for (int i = 0; i < inputs.size(); i++) {
        assertArrayEquals(
            evaluatedExpected.get(i),
            answer.evaluatedElements().get(i).encode(),
            v + ": evaluated " + i);
      }
      assertArrayEquals(v.hex("Proof"), answer.proof().toBytes(), v + ": proof");
      List<byte[]> finalized =
          client.finalizeOutputs(
              states, answer.evaluatedElements(), DleqProof.fromBytes(answer.proof().toBytes()));
      for (int i = 0; i < inputs.size(); i++) {
        assertArrayEquals(outputs.get(i), finalized.get(i), v + ": Finalize output " + i);
        assertArrayEquals(outputs.get(i), server.evaluate(inputs.get(i)), v + ": Evaluate " + i);
      }
      List<byte[]> evaluatedBatch = server.evaluate(inputs);
      for (int i = 0; i < inputs.size(); i++) {
        assertArrayEquals(outputs.get(i), evaluatedBatch.get(i), v + ": batched Evaluate " + i);
      }
    }
    assertEquals(2, batched, "vector 3 is the batched one");
  }
}
