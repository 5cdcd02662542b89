package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import dev.parley.cleanroom.group.Scalar;
import dev.parley.cleanroom.h2c.HashToRistretto255;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * A quick single-thread measurement of {@link OprfServer#evaluate} and its parts; run by hand, not
 * a test: {@code java -cp <test classpath> dev.parley.cleanroom.oprf.EvaluateThroughput [seconds]}.
 *
 * <p>Inputs are 32-byte values, like the SHA-256 identifier hashes the clean room tokenizes. The
 * numbers are rough (no fork isolation, shared machine); use them to compare revisions.
 */
public final class EvaluateThroughput {
  private EvaluateThroughput() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    SecureRandom random = new SecureRandom();
    OprfServer server = new OprfServer(OprfPrivateKey.generate(random));
    byte[][] inputs = new byte[1024][32];
    for (byte[] in : inputs) {
      random.nextBytes(in);
    }
    byte[] dst = "HashToGroup-bench".getBytes(StandardCharsets.US_ASCII);
    Scalar k = Scalar.random(random);
    RistrettoElement p = RistrettoElement.generator().multiply(Scalar.random(random));

    IntUnaryOperator evaluate = i -> server.evaluate(inputs[i & 1023])[0];
    IntUnaryOperator hashToGroup =
        i -> HashToRistretto255.hashToGroup(inputs[i & 1023], dst).hashCode();
    IntUnaryOperator multiply = i -> p.multiply(k).isIdentity() ? 1 : 0;
    IntUnaryOperator encode = i -> p.encode()[0];

    run("warm-up evaluate", evaluate, seconds);
    run("Evaluate (hash-to-group + scalar mult + finalize)", evaluate, seconds);
    run("  hashToGroup", hashToGroup, seconds);
    run("  scalar multiplication", multiply, seconds);
    run("  encode", encode, seconds);
  }

  private static void run(String name, IntUnaryOperator op, double seconds) {
    long budget = (long) (seconds * 1e9);
    long start = System.nanoTime();
    int n = 0;
    int checksum = 0;
    while (System.nanoTime() - start < budget) {
      for (int i = 0; i < 64; i++) {
        checksum += op.applyAsInt(n++);
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-52s %10.0f ops/s  %8.1f us/op  (checksum %d)%n",
        name,
        n / elapsed,
        1e6 * elapsed / n,
        checksum);
  }
}
