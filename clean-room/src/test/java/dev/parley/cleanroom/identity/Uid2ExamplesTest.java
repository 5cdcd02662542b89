package dev.parley.cleanroom.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** UID2's published normalization and hashing examples, read from data files. */
class Uid2ExamplesTest {

  static Stream<Arguments> examples() {
    return Uid2Vectors.rows("uid2-examples.tsv").stream()
        .map(r -> Arguments.of(IdentifierKind.valueOf(r[0]), r[1], r[2], r[3], r[4]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examples")
  void normalizeAndHash_uid2Example_matchesPublishedValues(
      IdentifierKind kind, String raw, String normalized, String hex, String base64) {
    NormalizedIdentifier identifier = Normalizer.normalize(kind, raw);
    assertEquals(kind, identifier.kind());
    assertEquals(normalized, identifier.value());

    IdentifierHash hash = identifier.hash();
    if (!hex.equals("-")) {
      assertEquals(hex, hash.toHex());
      assertEquals(hash, IdentifierHash.parse(kind, hex));
      assertEquals(hash, IdentifierHash.parse(kind, hex.toUpperCase(Locale.ROOT)));
    }
    if (!base64.equals("-")) {
      assertEquals(base64, hash.toBase64());
      assertEquals(hash, IdentifierHash.parse(kind, base64));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examples")
  void normalize_uid2Example_isIdempotent(IdentifierKind kind, String raw, String normalized) {
    assertEquals(normalized, Normalizer.normalize(kind, normalized).value());
  }

  @Test
  void hash_unnormalizedExample_differsFromNormalizedHash() throws Exception {
    for (String[] row : Uid2Vectors.rows("uid2-unnormalized.tsv")) {
      byte[] rawHash =
          MessageDigest.getInstance("SHA-256").digest(row[0].getBytes(StandardCharsets.UTF_8));
      IdentifierHash normalizedHash = Normalizer.normalizeEmail(row[0]).hash();

      assertEquals(row[1], Base64.getEncoder().encodeToString(rawHash));
      assertEquals(row[2], normalizedHash.toBase64());
      assertNotEquals(IdentifierHash.ofBytes(IdentifierKind.EMAIL, rawHash), normalizedHash);
    }
  }

  @Test
  void normalizePhone_uid2UnnormalizedExamples_areRejectedNotReformatted() {
    for (String[] row : Uid2Vectors.rows("uid2-phone-not-e164.txt")) {
      InvalidIdentifierException e =
          assertThrows(InvalidIdentifierException.class, () -> Normalizer.normalizePhone(row[0]));
      assertEquals(
          "phone: must start with '+', got a digit at index 0; UID2 accepts only E.164 numbers and"
              + " does not reformat them",
          e.getMessage());
      assertEquals(IdentifierKind.PHONE, e.kind());
    }
  }
}
