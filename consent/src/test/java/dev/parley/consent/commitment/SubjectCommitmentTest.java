package dev.parley.consent.commitment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.consent.model.SubjectToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SubjectCommitmentTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hmacSha256_rfc4231Vectors_match() throws IOException {
    int cases = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    getClass().getResourceAsStream("/commitment/rfc4231-hmac-sha256.txt")),
                StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ", -1);
        assertArrayEquals(
            HEX.parseHex(f[3]),
            SubjectCommitment.hmacSha256(HEX.parseHex(f[1]), HEX.parseHex(f[2])),
            "RFC 4231 case " + f[0]);
        cases++;
      }
    }
    assertEquals(6, cases);
  }

  @Test
  void hex_isHmacOfTokenUnderSalt() {
    byte[] salt = new byte[32];
    salt[0] = 1;
    SubjectToken t = SubjectToken.of(new byte[32]);
    String c = SubjectCommitment.hex(salt, t);
    assertEquals(64, c.length());
    assertEquals(HEX.formatHex(SubjectCommitment.hmacSha256(salt, new byte[32])), c);
  }

  @Test
  void hex_differentSalt_differentCommitment() {
    SubjectToken t = SubjectToken.of(new byte[32]);
    byte[] s2 = new byte[32];
    s2[31] = 9;
    assertNotEquals(SubjectCommitment.hex(new byte[32], t), SubjectCommitment.hex(s2, t));
  }

  @Test
  void compute_wrongSaltLength_throws() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SubjectCommitment.compute(new byte[16], SubjectToken.of(new byte[32])));
  }
}
