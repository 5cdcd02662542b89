package dev.parley.cleanroom.oprf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips, input validation and key hygiene of the OPRF and VOPRF protocols. */
class OprfProtocolTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OprfPrivateKey KEY = OprfPrivateKey.generate(RANDOM);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static OprfException.Kind kindOf(Runnable r) {
    return assertThrows(OprfException.class, r::run).kind();
  }

  @Test
  void oprf_randomBlind_finalizeEqualsEvaluate() {
    OprfClient client = new OprfClient();
    OprfServer server = new OprfServer(KEY);
    byte[] input = utf8("sha256-of-normalized-email");
    BlindedInput blinded = client.blind(input, RANDOM);
    byte[] output = client.finalizeOutput(blinded, server.blindEvaluate(blinded.blindedElement()));
    assertEquals(OprfSuite.HASH_LENGTH, output.length);
    assertArrayEquals(server.evaluate(input), output);
    // A second, independently blinded run gives the same PRF value.
    BlindedInput again = client.blind(input, RANDOM);
    assertFalse(again.blindedElement().equals(blinded.blindedElement()));
    assertArrayEquals(
        output, client.finalizeOutput(again, server.blindEvaluate(again.blindedElement())));
  }

  @Test
  void evaluateBatch_bothModes_equalsSingleEvaluateInOrder() {
    OprfServer oprf = new OprfServer(KEY);
    VoprfServer voprf = new VoprfServer(KEY);
    List<byte[]> inputs = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      inputs.add(utf8("identifier-" + i));
    }
    inputs.add(new byte[0]);
    List<byte[]> oprfOutputs = oprf.evaluate(inputs);
    List<byte[]> voprfOutputs = voprf.evaluate(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      assertArrayEquals(oprf.evaluate(inputs.get(i)), oprfOutputs.get(i), "OPRF " + i);
      assertArrayEquals(voprf.evaluate(inputs.get(i)), voprfOutputs.get(i), "VOPRF " + i);
    }
    assertTrue(oprf.evaluate(List.of()).isEmpty());
  }

  @Test
  void evaluateBatch_overlongInput_rejectedNamingItsIndex() {
    OprfServer server = new OprfServer(KEY);
    List<byte[]> inputs = List.of(utf8("a"), utf8("b"), new byte[OprfSuite.MAX_INPUT_LENGTH + 1]);
    OprfException e = assertThrows(OprfException.class, () -> server.evaluate(inputs));
    assertEquals(OprfException.Kind.INPUT_VALIDATION_ERROR, e.kind());
    assertTrue(e.getMessage().contains("inputs[2]"), e.getMessage());
  }

  @Test
  void voprf_batchOfFive_verifiesAndMatchesEvaluate() {
    VoprfServer server = new VoprfServer(KEY);
    VoprfClient client = new VoprfClient(server.publicKey());
    List<BlindedInput> states = new ArrayList<>();
    List<RistrettoElement> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      BlindedInput b = client.blind(utf8("id-" + i), RANDOM);
      states.add(b);
      sent.add(b.blindedElement());
    }
    VerifiableEvaluation answer = server.blindEvaluate(sent, RANDOM);
    List<byte[]> outputs =
        client.finalizeOutputs(states, answer.evaluatedElements(), answer.proof());
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(server.evaluate(utf8("id-" + i)), outputs.get(i));
    }
  }

  @Test
  void evaluate_modes_giveDifferentOutputs() {
    byte[] input = utf8("x");
    assertFalse(
        HexFormat.of()
            .formatHex(new OprfServer(KEY).evaluate(input))
            .equals(HexFormat.of().formatHex(new VoprfServer(KEY).evaluate(input))));
  }

  @Test
  void voprfFinalize_tamperedProofOrElementsOrKey_verifyError() {
    VoprfServer server = new VoprfServer(KEY);
    VoprfClient client = new VoprfClient(server.publicKey());
    BlindedInput a = client.blind(utf8("a"), RANDOM);
    BlindedInput b = client.blind(utf8("b"), RANDOM);
    VerifiableEvaluation answer =
        server.blindEvaluate(List.of(a.blindedElement(), b.blindedElement()), RANDOM);
    List<RistrettoElement> ev = answer.evaluatedElements();
    DleqProof p = answer.proof();

    DleqProof badC = new DleqProof(p.c().add(Scalar.ONE), p.s());
    DleqProof badS = new DleqProof(p.c(), p.s().add(Scalar.ONE));
    assertEquals(
        OprfException.Kind.VERIFY_ERROR,
        kindOf(() -> client.finalizeOutputs(List.of(a, b), ev, badC)));
    assertEquals(
        OprfException.Kind.VERIFY_ERROR,
        kindOf(() -> client.finalizeOutputs(List.of(a, b), ev, badS)));
    List<RistrettoElement> swapped = List.of(ev.get(1), ev.get(0));
    assertEquals(
        OprfException.Kind.VERIFY_ERROR,
        kindOf(() -> client.finalizeOutputs(List.of(a, b), swapped, p)));
    VoprfClient wrongKey = new VoprfClient(OprfPrivateKey.generate(RANDOM).publicKey());
    assertEquals(
        OprfException.Kind.VERIFY_ERROR,
        kindOf(() -> wrongKey.finalizeOutputs(List.of(a, b), ev, p)));
    // A different key's honest evaluation does not verify under this key.
    VerifiableEvaluation other =
        new VoprfServer(OprfPrivateKey.generate(RANDOM))
            .blindEvaluate(List.of(a.blindedElement(), b.blindedElement()), RANDOM);
    assertEquals(
        OprfException.Kind.VERIFY_ERROR,
        kindOf(
            () -> client.finalizeOutputs(List.of(a, b), other.evaluatedElements(), other.proof())));
    assertEquals(2, client.finalizeOutputs(List.of(a, b), ev, p).size());
  }

  @Test
  void identityElements_everyEntryPoint_rejected() {
    RistrettoElement identity = RistrettoElement.identity();
    OprfClient client = new OprfClient();
    BlindedInput blinded = client.blind(utf8("x"), RANDOM);
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> new OprfServer(KEY).blindEvaluate(identity)));
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> client.finalizeOutput(blinded, identity)));
    VoprfServer vserver = new VoprfServer(KEY);
    OprfException e =
        assertThrows(
            OprfException.class,
            () -> vserver.blindEvaluate(List.of(blinded.blindedElement(), identity), RANDOM));
    assertEquals(OprfException.Kind.INPUT_VALIDATION_ERROR, e.kind());
    assertTrue(e.getMessage().contains("blindedElements[1]"), e.getMessage());
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> OprfSuite.deserializeElement(new byte[32], "blindedElement")));
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> OprfPublicKey.fromBytes(new byte[32])));
  }

  @Test
  void invalidEncodings_deserialize_deserializeError() {
    byte[] negative = new byte[32];
    negative[0] = 1;
    assertEquals(
        OprfException.Kind.DESERIALIZE_ERROR,
        kindOf(() -> OprfSuite.deserializeElement(negative, "e")));
    assertEquals(
        OprfException.Kind.DESERIALIZE_ERROR,
        kindOf(() -> OprfSuite.deserializeElement(new byte[31], "e")));
    byte[] allOnes = new byte[64];
    java.util.Arrays.fill(allOnes, (byte) 0xFF);
    assertEquals(OprfException.Kind.DESERIALIZE_ERROR, kindOf(() -> DleqProof.fromBytes(allOnes)));
    assertEquals(
        OprfException.Kind.DESERIALIZE_ERROR, kindOf(() -> DleqProof.fromBytes(new byte[63])));
    assertEquals(
        OprfException.Kind.DESERIALIZE_ERROR,
        kindOf(() -> OprfPrivateKey.fromBytes(new byte[] {1, 2}, SecretKeyAccess.grant())));
  }

  @Test
  void inputs_tooLong_inputValidationError() {
    byte[] tooLong = new byte[OprfSuite.MAX_INPUT_LENGTH + 1];
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> new OprfServer(KEY).evaluate(tooLong)));
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> new OprfClient().blind(tooLong, RANDOM)));
    assertEquals(64, new OprfServer(KEY).evaluate(new byte[OprfSuite.MAX_INPUT_LENGTH]).length);
  }

  @Test
  void privateKey_bytesNeedAccessTokenAndNeverPrinted() {
    byte[] bytes = KEY.toBytes(SecretKeyAccess.grant());
    String hex = HexFormat.of().formatHex(bytes);
    assertFalse(KEY.toString().contains(hex));
    assertTrue(KEY.toString().contains("redacted"));
    assertThrows(NullPointerException.class, () -> KEY.toBytes(null));
    assertThrows(NullPointerException.class, () -> OprfPrivateKey.fromBytes(bytes, null));
    OprfPrivateKey restored = OprfPrivateKey.fromBytes(bytes, SecretKeyAccess.grant());
    assertEquals(KEY.publicKey(), restored.publicKey());
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> OprfPrivateKey.fromBytes(new byte[32], SecretKeyAccess.grant())));
    BlindedInput blinded = new OprfClient().blind(utf8("secret input"), RANDOM);
    assertFalse(blinded.toString().contains("secret"));
    assertEquals(32, blinded.blindBytes(SecretKeyAccess.grant()).length);
  }

  @Test
  void deriveKeyPair_sameSeedSameKey_differentInfoOrModeDifferentKey() {
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    OprfPublicKey k1 = OprfPrivateKey.derive(OprfMode.OPRF, seed, utf8("info")).publicKey();
    assertEquals(k1, OprfPrivateKey.derive(OprfMode.OPRF, seed, utf8("info")).publicKey());
    assertFalse(k1.equals(OprfPrivateKey.derive(OprfMode.OPRF, seed, utf8("other")).publicKey()));
    assertFalse(k1.equals(OprfPrivateKey.derive(OprfMode.VOPRF, seed, utf8("info")).publicKey()));
    assertEquals(
        OprfException.Kind.INPUT_VALIDATION_ERROR,
        kindOf(() -> OprfPrivateKey.derive(OprfMode.OPRF, new byte[31], new byte[0])));
  }

  @Test
  void finalize_inputBlindedForOtherMode_rejected() {
    BlindedInput voprfState = new VoprfClient(KEY.publicKey()).blind(utf8("x"), RANDOM);
    RistrettoElement evaluated = new OprfServer(KEY).blindEvaluate(voprfState.blindedElement());
    assertThrows(
        IllegalArgumentException.class,
        () -> new OprfClient().finalizeOutput(voprfState, evaluated));
  }

  @Test
  void dleq_batchesOfManySizes_verifyAndRejectWrongStatement() {
    OprfSuite suite = OprfSuite.of(OprfMode.VOPRF);
    Scalar k = Scalar.random(RANDOM);
    RistrettoElement a = RistrettoElement.generator();
    RistrettoElement b = a.multiply(k);
    for (int m : new int[] {1, 2, 7}) {
      List<RistrettoElement> c = new ArrayList<>();
      List<RistrettoElement> d = new ArrayList<>();
      for (int i = 0; i < m; i++) {
        RistrettoElement ci = suite.hashToGroup(utf8("c" + i));
        c.add(ci);
        d.add(ci.multiply(k));
      }
      DleqProof proof = Dleq.generateProof(suite, k, a, b, c, d, RANDOM);
      assertTrue(Dleq.verifyProof(suite, a, b, c, d, proof), "m=" + m);
      assertEquals(
          Dleq.computeComposites(suite, b, c, d), Dleq.computeCompositesFast(suite, k, b, c, d));
      List<RistrettoElement> wrong = new ArrayList<>(d);
      wrong.set(m - 1, wrong.get(m - 1).add(a));
      assertFalse(Dleq.verifyProof(suite, a, b, c, wrong, proof), "m=" + m);
      assertFalse(Dleq.verifyProof(OprfSuite.of(OprfMode.OPRF), a, b, c, d, proof), "m=" + m);
    }
  }
}
