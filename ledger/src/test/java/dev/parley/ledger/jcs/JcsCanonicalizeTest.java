package dev.parley.ledger.jcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Canonical serialization: string escaping, whitespace, and parse/canonicalize round trips. */
class JcsCanonicalizeTest {

  @Test
  void canonicalize_controlCharacters_useShortOrLowercaseHexEscapes() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    String expected =
        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
            + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
            + "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"";

    assertEquals(expected, Jcs.canonicalString(JsonString.of(all.toString())));
  }

  @Test
  void canonicalize_quoteBackslashSlashAndNonAscii_followSection3222() {
    String value = "\"\\/\u007f\u2028\u00e9\uD83D\uDE00";

    assertEquals(
        "\"\\\"\\\\/\u007f\u2028\u00e9\uD83D\uDE00\"", Jcs.canonicalString(JsonString.of(value)));
    assertArrayEquals(
        TestData.utf8("\"\\\"\\\\/\u007f\u2028\u00e9\uD83D\uDE00\""),
        Jcs.canonicalize(JsonString.of(value)));
  }

  @Test
  void canonicalize_whitespaceAndEscapesInInput_areRemoved() {
    byte[] json = TestData.utf8(" { \"b\" : [ 1.0 , \"\\u0041\\t\" ] ,\r\n \"a\" : { } } ");

    assertEquals("{\"a\":{},\"b\":[1,\"A\\t\"]}", TestData.utf8(Jcs.canonicalize(json)));
  }

  @Test
  void canonicalize_surrogatePairNames_sortByCodeUnitsNotCodePoints() {
    JsonObject object = JsonObject.builder().put("\uFB33", 1L).put("\uD83D\uDE00", 2L).build();

    // U+1F600 is D83D DE00 in UTF-16, which sorts before FB33 although its code point is larger.
    assertEquals("{\"\uD83D\uDE00\":2,\"\uFB33\":1}", Jcs.canonicalString(object));
  }

  @Test
  void canonicalize_randomValues_roundTripAndAreIdempotent() {
    SplittableRandom random = new SplittableRandom(2020);
    for (int i = 0; i < 2_000; i++) {
      JsonValue value = randomValue(random, 0);
      byte[] canonical = Jcs.canonicalize(value);

      assertEquals(value, Jcs.parse(canonical));
      assertArrayEquals(canonical, Jcs.canonicalize(canonical));
      assertArrayEquals(canonical, value.canonicalBytes());
    }
  }

  private static JsonValue randomValue(SplittableRandom random, int depth) {
    int kind = random.nextInt(depth > 3 ? 4 : 6);
    return switch (kind) {
      case 0 -> JsonString.of(randomString(random));
      case 1 -> JsonNumber.of(randomNumber(random));
      case 2 -> JsonBoolean.of(random.nextBoolean());
      case 3 -> JsonNull.INSTANCE;
      case 4 -> {
        JsonArray.Builder array = JsonArray.builder();
        for (int n = random.nextInt(5); n > 0; n--) {
          array.add(randomValue(random, depth + 1));
        }
        yield array.build();
      }
      default -> {
        JsonObject.Builder object = JsonObject.builder();
        Set<String> used = new HashSet<>();
        for (int n = random.nextInt(5); n > 0; n--) {
          String name = randomString(random);
          if (used.add(name)) {
            object.put(name, randomValue(random, depth + 1));
          }
        }
        yield object.build();
      }
    };
  }

  private static double randomNumber(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextLong(-1_000_000, 1_000_000);
      case 1 -> random.nextDouble(-1e6, 1e6);
      default -> {
        double d;
        do {
          d = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(d));
        yield d;
      }
    };
  }

  private static String randomString(SplittableRandom random) {
    int[] pool = {
      'a', 'B', '"', '\\', '/', 0x00, 0x08, 0x1f, 0x7f, 0xe9, 0x20ac, 0xfb33, 0x1f600, 0x10000
    };
    StringBuilder out = new StringBuilder();
    for (int n = random.nextInt(6); n > 0; n--) {
      out.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return out.toString();
  }
}
