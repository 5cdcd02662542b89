package dev.parley.cleanroom.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.cleanroom.oprf.BlindedInput;
import dev.parley.cleanroom.oprf.OprfClient;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.oprf.OprfServer;
import dev.parley.cleanroom.oprf.VerifiableEvaluation;
import dev.parley.cleanroom.oprf.VoprfClient;
import dev.parley.cleanroom.oprf.VoprfServer;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer against the oblivious protocol (Blind, BlindEvaluate, Finalize) and against itself
 * across its single, bulk and streaming entry points.
 */
class TokenizerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OprfPrivateKey KEY = OprfPrivateKey.generate(RANDOM);

  private static List<IdentifierHash> hashes(int n, long seed) {
    Random rnd = new Random(seed);
    List<IdentifierHash> out = new ArrayList<>(n);
    out.add(Normalizer.normalizeEmail("Jane.Doe@Example.com").hash());
    out.add(Normalizer.normalizePhone("+12345678901").hash());
    while (out.size() < n) {
      byte[] b = new byte[IdentifierHash.LENGTH];
      rnd.nextBytes(b);
      out.add(IdentifierHash.ofBytes(IdentifierKind.EMAIL, b));
    }
    return out;
  }

  @Test
  void token_oprfMode_equalsBlindEvaluateFinalize() {
    Tokenizer tokenizer = Tokenizer.create(OprfMode.OPRF, KEY, SecretKeyAccess.grant());
    OprfClient client = new OprfClient();
    OprfServer server = new OprfServer(KEY);
    for (IdentifierHash h : hashes(20, 1)) {
      BlindedInput blinded = client.blind(h.bytes(), RANDOM);
      byte[] viaProtocol =
          client.finalizeOutput(blinded, server.blindEvaluate(blinded.blindedElement()));
      byte[] token = tokenizer.token(h);
      assertEquals(Tokenizer.TOKEN_LENGTH, token.length);
      assertArrayEquals(viaProtocol, token, h.toString());
    }
  }

  @Test
  void tokenize_voprfMode_equalsVerifiedBatchFinalize() {
    Tokenizer tokenizer = Tokenizer.create(OprfMode.VOPRF, KEY, SecretKeyAccess.grant());
    VoprfServer server = new VoprfServer(KEY);
    VoprfClient client = new VoprfClient(server.publicKey());
    List<IdentifierHash> hashes = hashes(12, 2);
    List<BlindedInput> states = new ArrayList<>();
    List<RistrettoElement> sent = new ArrayList<>();
    for (IdentifierHash h : hashes) {
      BlindedInput b = client.blind(h.bytes(), RANDOM);
      states.add(b);
      sent.add(b.blindedElement());
    }
    VerifiableEvaluation answer = server.blindEvaluate(sent, RANDOM);
    List<byte[]> viaProtocol =
        client.finalizeOutputs(states, answer.evaluatedElements(), answer.proof());
    List<byte[]> tokens = tokenizer.tokenize(hashes);
    for (int i = 0; i < hashes.size(); i++) {
      assertArrayEquals(viaProtocol.get(i), tokens.get(i), "index " + i);
    }
  }

  @Test
  void tokenize_manyHashes_equalsSequentialTokensInOrder() {
    Tokenizer tokenizer = Tokenizer.create(OprfMode.OPRF, KEY, SecretKeyAccess.grant());
    List<IdentifierHash> hashes = hashes(3 * Tokenizer.CHUNK + 17, 3);
    List<byte[]> bulk = tokenizer.tokenize(hashes);
    assertEquals(hashes.size(), bulk.size());
    for (int i = 0; i < hashes.size(); i++) {
      assertArrayEquals(tokenizer.token(hashes.get(i)), bulk.get(i), "index " + i);
    }
  }

  @Test
  void tokenizeOnCallingThread_manyHashes_equalsParallelBulk() {
    Tokenizer tokenizer = Tokenizer.create(OprfMode.VOPRF, KEY, SecretKeyAccess.grant());
    List<IdentifierHash> hashes = hashes(2 * Tokenizer.CHUNK + 5, 7);
    List<byte[]> sequential = tokenizer.tokenizeOnCallingThread(hashes);
    List<byte[]> parallel = tokenizer.tokenize(hashes);
    assertEquals(hashes.size(), sequential.size());
    for (int i = 0; i < hashes.size(); i++) {
      assertArrayEquals(parallel.get(i), sequential.get(i), "index " + i);
    }
  }

  @Test
  void tokenizeStreaming_acrossBatchBoundaries_equalsBulkInOrder() {
    Tokenizer tokenizer = Tokenizer.create(OprfMode.OPRF, KEY, SecretKeyAccess.grant());
    List<IdentifierHash> hashes = hashes(tokenizer.streamBatch() + Tokenizer.CHUNK + 3, 4);
    List<byte[]> streamed = new ArrayList<>();
    long count = tokenizer.tokenize(hashes.iterator(), streamed::add);
    assertEquals(hashes.size(), count);
    List<byte[]> bulk = tokenizer.tokenize(hashes);
    for (int i = 0; i < hashes.size(); i++) {
      assertArrayEquals(bulk.get(i), streamed.get(i), "index " + i);
    }
  }

  @Test
  void tokens_differByModeAndKeyAndInput() {
    IdentifierHash h = hashes(1, 5).getFirst();
    byte[] oprf = Tokenizer.create(OprfMode.OPRF, KEY, SecretKeyAccess.grant()).token(h);
    byte[] voprf = Tokenizer.create(OprfMode.VOPRF, KEY, SecretKeyAccess.grant()).token(h);
    OprfPrivateKey other = OprfPrivateKey.generate(RANDOM);
    byte[] otherKey = Tokenizer.create(OprfMode.OPRF, other, SecretKeyAccess.grant()).token(h);
    IdentifierHash phone = hashes(2, 5).get(1);
    byte[] otherInput = Tokenizer.create(OprfMode.OPRF, KEY, SecretKeyAccess.grant()).token(phone);
    assertFalse(Arrays.equals(oprf, voprf));
    assertFalse(Arrays.equals(oprf, otherKey));
    assertFalse(Arrays.equals(oprf, otherInput));
  }

  @Test
  void tokenize_nullsAndEmpty_rejectedWithPositionOrEmpty() {
    Tokenizer tokenizer = Tokenizer.create(OprfMode.OPRF, KEY, SecretKeyAccess.grant());
    assertTrue(tokenizer.tokenize(List.of()).isEmpty());
    List<IdentifierHash> withNull = new ArrayList<>(hashes(3, 6));
    withNull.add(1, null);
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> tokenizer.tokenize(withNull));
    assertEquals("hashes[1] is null", e.getMessage());
    NullPointerException streamed =
        assertThrows(
            NullPointerException.class, () -> tokenizer.tokenize(withNull.iterator(), t -> {}));
    assertEquals("hashes element 1 is null", streamed.getMessage());
    assertThrows(NullPointerException.class, () -> Tokenizer.create(OprfMode.OPRF, KEY, null));
  }

  @Test
  void toString_showsModeOnly() {
    assertEquals(
        "Tokenizer[VOPRF]",
        Tokenizer.create(OprfMode.VOPRF, KEY, SecretKeyAccess.grant()).toString());
  }
}
