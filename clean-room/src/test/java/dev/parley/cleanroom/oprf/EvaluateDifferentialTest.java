package dev.parley.cleanroom.oprf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.parley.cleanroom.group.ReferenceRistretto255;
import dev.parley.cleanroom.h2c.ExpandMessageXmd;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The optimized Evaluate (field kernels, point formulas, prepared signed-window key, batched
 * double-and-encode) against a reference model built from {@link ReferenceRistretto255}:
 * hash-to-group with the plain map, double-and-add by skS, plain encode, and the Finalize hash
 * written out from RFC 9497 §3.3.1.
 *
 * <p>100,000 random inputs under 100 derived keys, alternating OPRF and VOPRF mode, spread over all
 * cores; each key and input is seeded, so a failure names a reproducible case. Every input goes
 * through the batched Evaluate (one shared inversion, batch sizes 1 to 44), every tenth also
 * through the single-input Evaluate.
 */
@Tag("slow")
class EvaluateDifferentialTest {
  private static final int KEYS = 100;
  private static final int INPUTS_PER_KEY = 1_000;

  @Test
  void evaluate_100kRandomInputs_matchesReferenceModel() {
    IntStream.range(0, KEYS).parallel().forEach(EvaluateDifferentialTest::checkKey);
  }

  private static void checkKey(int keyIndex) {
    Random rnd = new Random(0x9497L * (keyIndex + 1));
    OprfMode mode = keyIndex % 2 == 0 ? OprfMode.OPRF : OprfMode.VOPRF;
    byte[] seed = new byte[32];
    rnd.nextBytes(seed);
    OprfPrivateKey key =
        OprfPrivateKey.derive(mode, seed, "differential".getBytes(StandardCharsets.US_ASCII));
    BigInteger sk = littleEndian(key.toBytes(SecretKeyAccess.grant()));
    Function<byte[], byte[]> single;
    Function<List<byte[]>, List<byte[]>> batch;
    if (mode == OprfMode.OPRF) {
      OprfServer server = new OprfServer(key);
      single = server::evaluate;
      batch = server::evaluate;
    } else {
      VoprfServer server = new VoprfServer(key);
      single = server::evaluate;
      batch = server::evaluate;
    }
    List<byte[]> inputs = new ArrayList<>(INPUTS_PER_KEY);
    List<byte[]> expected = new ArrayList<>(INPUTS_PER_KEY);
    for (int i = 0; i < INPUTS_PER_KEY; i++) {
      // Mostly 32-byte inputs (SHA-256 identifier hashes), some of other lengths.
      byte[] input = new byte[i % 10 == 9 ? rnd.nextInt(100) : 32];
      rnd.nextBytes(input);
      inputs.add(input);
      expected.add(referenceEvaluate(mode, sk, input));
    }
    // Every input through the batched path (batch sizes 1..44), a tenth also one at a time.
    int start = 0;
    for (int size = 1; start < INPUTS_PER_KEY; size = size % 44 + 1) {
      int end = Math.min(INPUTS_PER_KEY, start + size);
      List<byte[]> outputs = batch.apply(inputs.subList(start, end));
      for (int i = start; i < end; i++) {
        assertArrayEquals(
            expected.get(i),
            outputs.get(i - start),
            "key " + keyIndex + " (" + mode + "), input " + i + ", batched");
      }
      start = end;
    }
    for (int i = 0; i < INPUTS_PER_KEY; i += 10) {
      assertArrayEquals(
          expected.get(i),
          single.apply(inputs.get(i)),
          "key " + keyIndex + " (" + mode + "), input " + i + ", single");
    }
  }

  /**
   * Evaluate (RFC 9497 §3.3.1): "inputElement = G.HashToGroup(input); evaluatedElement = skS *
   * inputElement; issuedElement = G.SerializeElement(evaluatedElement); hashInput =
   * I2OSP(len(input), 2) || input || I2OSP(len(issuedElement), 2) || issuedElement || "Finalize";
   * return Hash(hashInput)", with HashToGroup's DST "HashToGroup-" || contextString (§4.1).
   */
  static byte[] referenceEvaluate(OprfMode mode, BigInteger sk, byte[] input) {
    ByteArrayOutputStream dst = new ByteArrayOutputStream();
    dst.writeBytes("HashToGroup-OPRFV1-".getBytes(StandardCharsets.US_ASCII));
    dst.write(mode.id());
    dst.writeBytes("-ristretto255-SHA512".getBytes(StandardCharsets.US_ASCII));
    byte[] uniform = ExpandMessageXmd.expand(input, dst.toByteArray(), 64);
    byte[] issued =
        ReferenceRistretto255.encode(
            ReferenceRistretto255.multiply(ReferenceRistretto255.fromUniformBytes(uniform), sk));
    ByteArrayOutputStream hashInput = new ByteArrayOutputStream();
    hashInput.write(input.length >>> 8);
    hashInput.write(input.length);
    hashInput.writeBytes(input);
    hashInput.write(0);
    hashInput.write(issued.length);
    hashInput.writeBytes(issued);
    hashInput.writeBytes("Finalize".getBytes(StandardCharsets.US_ASCII));
    try {
      return MessageDigest.getInstance("SHA-512").digest(hashInput.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger littleEndian(byte[] le) {
    byte[] be = new byte[le.length + 1];
    for (int i = 0; i < le.length; i++) {
      be[le.length - i] = le[i];
    }
    return new BigInteger(be);
  }
}
