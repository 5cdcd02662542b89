package dev.parley.cleanroom.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.identity.InvalidIdentifierException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** IdentifierText against IdentifierHash.parse (the reference) and java.util.Base64. */
class IdentifierTextTest {
  private static final String CHARS = "0123456789abcdefABCDEFghijXYZ+/-_= .\u00e9\u0000";

  @Test
  void decodeHash_uid2Vectors_hexAndBase64GiveTheSameBytes() throws Exception {
    int checked = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/identity/uid2-examples.tsv"),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t", -1);
        if (line.startsWith("#") || f[3].equals("-") || f[4].equals("-")) {
          continue;
        }
        byte[] fromHex = decode(f[3]);
        byte[] fromBase64 = decode(f[4]);
        assertArrayEquals(HexFormat.of().parseHex(f[3]), fromHex);
        assertArrayEquals(fromHex, fromBase64);
        checked++;
      }
    }
    assertEquals(13, checked);
  }

  private static byte[] decode(String text) {
    byte[] out = new byte[40];
    assertTrue(IdentifierText.decodeHash(text.toCharArray(), 0, text.length(), out, 8));
    return Arrays.copyOfRange(out, 8, 40);
  }

  @Test
  void decodeHash_randomAndMutatedText_agreesWithIdentifierHashParse() {
    Random random = new Random(5);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String text =
          random.nextBoolean()
              ? HexFormat.of().formatHex(bytes)
              : Base64.getEncoder().encodeToString(bytes);
      if (random.nextBoolean()) {
        text = text.toUpperCase(java.util.Locale.ROOT);
      }
      text = mutate(text, random);
      char[] padded = ("xx" + text + "yy").toCharArray();
      byte[] out = new byte[32];
      boolean ok = IdentifierText.decodeHash(padded, 2, text.length(), out, 0);
      try {
        IdentifierHash expected = IdentifierHash.parse(IdentifierKind.PHONE, text);
        assertTrue(ok, "should decode: " + text);
        assertArrayEquals(expected.bytes(), out);
      } catch (InvalidIdentifierException e) {
        assertFalse(ok, "should be refused: " + text);
        assertEquals(
            e.getMessage(),
            IdentifierText.hashProblem(IdentifierKind.PHONE, padded, 2, text.length()));
      }
    }
  }

  @Test
  void decodeToken_randomAndMutatedText_agreesWithCanonicalBase64Url() {
    Random random = new Random(6);
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] bytes = new byte[64];
      random.nextBytes(bytes);
      String text = mutate(encoder.encodeToString(bytes), random);
      byte[] out = new byte[64];
      boolean ok = IdentifierText.decodeToken(text.toCharArray(), 0, text.length(), out, 0);
      byte[] reference = canonicalUrlDecode(text);
      assertEquals(reference != null, ok, text);
      if (ok) {
        assertArrayEquals(reference, out);
      } else {
        assertTrue(
            IdentifierText.tokenProblem(text.toCharArray(), 0, text.length())
                .startsWith("token: "));
      }
    }
  }

  private static byte[] canonicalUrlDecode(String text) {
    try {
      byte[] b = Base64.getUrlDecoder().decode(text);
      boolean canonical =
          b.length == 64 && Base64.getUrlEncoder().withoutPadding().encodeToString(b).equals(text);
      return canonical ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Test
  void tokenProblem_messages_namePositionNotValue() {
    String good = "A".repeat(86);
    assertEquals(
        "token: wrong length 85; expected 86 unpadded base64url characters (64 bytes)",
        IdentifierText.tokenProblem(good.substring(1).toCharArray(), 0, 85));
    char[] plus = good.toCharArray();
    plus[10] = '+';
    assertEquals(
        "token: character at index 10 ('+') is not in the base64url alphabet A-Z a-z 0-9 - _",
        IdentifierText.tokenProblem(plus, 0, 86));
    char[] pad = good.toCharArray();
    pad[85] = 'B';
    assertFalse(IdentifierText.decodeToken(pad, 0, 86, new byte[64], 0));
    assertEquals(
        "token: non-zero padding bits in the character at index 85 (not canonical)",
        IdentifierText.tokenProblem(pad, 0, 86));
  }

  /** Leaves the text alone half the time, else changes, inserts or deletes one character. */
  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    switch (random.nextInt(8)) {
      case 0 ->
          s.setCharAt(random.nextInt(s.length()), CHARS.charAt(random.nextInt(CHARS.length())));
      case 1 -> s.insert(random.nextInt(s.length()), CHARS.charAt(random.nextInt(CHARS.length())));
      case 2 -> s.deleteCharAt(random.nextInt(s.length()));
      case 3 -> s.setCharAt(s.length() - 1, CHARS.charAt(random.nextInt(CHARS.length())));
      default -> {}
    }
    return s.toString();
  }
}
