package dev.parley.cleanroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The benchmark's output parsing, summary line and failure handling (not its figures). */
class TokenizeBenchTest {
  /** Output of {@code openssl speed -seconds 1 ecdhx25519}, OpenSSL 3.0.19 (compiler line cut). */
  private static final String OPENSSL_OUTPUT =
      """
      Doing 253 bits  ecdh's for 1s: 13422 253-bits ECDH ops in 0.64s
      version: 3.0.19
      built on: Fri Apr  3 12:29:32 2026 UTC
      options: bn(64,64)
      CPUINFO: OPENSSL_ia32cap=0xfffa3203078bffff:0x40069c219c07ab
                                    op      op/s
       253 bits ecdh (X25519)   0.0000s  20971.9
      """;

  @Test
  void parseOpensslX25519Rate_realOutput_readsOpsPerSecond() {
    assertEquals(OptionalDouble.of(20971.9), TokenizeBench.parseOpensslX25519Rate(OPENSSL_OUTPUT));
  }

  @Test
  void parseOpensslX25519Rate_noResultsLine_isEmpty() {
    assertEquals(OptionalDouble.empty(), TokenizeBench.parseOpensslX25519Rate(""));
    assertEquals(
        OptionalDouble.empty(),
        TokenizeBench.parseOpensslX25519Rate(
            "Doing 253 bits  ecdh (X25519)'s for 3s: 1 253-bits ECDH ops in 3.00s\n"));
    assertEquals(
        OptionalDouble.empty(),
        TokenizeBench.parseOpensslX25519Rate(" 253 bits ecdh (X25519)   0.0000s  0.0\n"));
  }

  @Test
  void line_knownFigures_hasExactFormat() {
    TokenizeBench.Result r = new TokenizeBench.Result(15000.4, 29000.6, 25000, 2, 300000);
    assertEquals(
        "bench tokenize: per_core_per_s=15000 all_cores_per_s=29001"
            + " openssl_x25519_per_s=25000.0 ratio=0.600 cores=2 identifiers=300000",
        r.line());
  }

  @Test
  void run_opensslMissing_reportsNaNWithMessage() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream progress = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    TokenizeBench.Result r =
        TokenizeBench.run(40, progress, List.of("/nonexistent/openssl-for-test", "speed"));
    assertTrue(Double.isNaN(r.opensslX25519PerS()));
    assertTrue(Double.isNaN(r.ratio()));
    assertTrue(r.perCorePerS() > 0 && r.allCoresPerS() > 0, r.line());
    assertEquals(40, r.identifiers());
    assertTrue(r.line().contains(" openssl_x25519_per_s=NaN ratio=NaN "), r.line());
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("could not run openssl"));
  }

  @Test
  void run_noIdentifiers_rejected() {
    assertThrows(IllegalArgumentException.class, () -> TokenizeBench.run(0, System.err));
  }
}
