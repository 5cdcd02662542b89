package dev.parley.ledger.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonBoolean;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of {@link EntryScanner} against the full parser, {@link LedgerEntry#decode},
 * as the reference model: whenever the scanner accepts an entry, decode must accept it with the
 * same type and {@code prev}; and the scanner must accept the plain entries it was built for.
 */
class EntryScannerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final List<EntryType> TYPES = List.of(EntryType.values());
  private static final Instant T = Instant.parse("2026-11-23T08:33:06.093Z");
  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-";
  private static final byte[] INTERESTING =
      " \"\\,:{}[]0129-.eEatfnu\u007f\u001f\t".getBytes(StandardCharsets.ISO_8859_1);

  /** Checks one entry both ways; returns whether decode accepted it. */
  private static boolean agree(EntryScanner scanner, byte[] entry) {
    byte[] framed = new byte[entry.length + 7];
    System.arraycopy(entry, 0, framed, 3, entry.length); // an entry inside a larger buffer
    EntryType fast = scanner.check(framed, 3, entry.length);
    LedgerEntry full;
    try {
      full = LedgerEntry.decode(entry);
    } catch (EntryFormatException e) {
      if (fast != null) {
        fail(
            "scanner accepted an entry decode rejects ("
                + e.getMessage()
                + "): "
                + new String(entry, StandardCharsets.ISO_8859_1));
      }
      return false;
    }
    if (fast != null) {
      assertEquals(full.type(), fast, "type");
      int at = EntryScanner.prevOffset(fast, 3, entry.length);
      assertArrayEquals(
          full.prev(), HEX.parseHex(new String(framed, at, 64, StandardCharsets.US_ASCII)), "prev");
    }
    return true;
  }

  private static String name(Random r) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = 1 + r.nextInt(12); i < n; i++) {
      s.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
    }
    return s.toString();
  }

  private static String hex32(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return HEX.formatHex(b);
  }

  /** Printable ASCII, plus (when {@code plain} is false) controls, quotes and non-ASCII. */
  private static String text(Random r, boolean plain) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = r.nextInt(60); i < n; i++) {
      int k = r.nextInt(plain ? 4 : 6);
      s.append(
          switch (k) {
            case 0, 1, 2 -> (char) (0x20 + r.nextInt(96)); // includes '"', '\\' and DEL
            case 3 -> "\b\t\n\f\r\u0000\u001f".charAt(r.nextInt(7));
            case 4 -> (char) (0xA0 + r.nextInt(0x3000));
            default -> "\uD83D\uDE02";
          });
    }
    return s.toString();
  }

  private static JsonValue anyValue(Random r, int depth, boolean plain) {
    int k = r.nextInt(depth > 3 ? 5 : 7);
    return switch (k) {
      case 0 -> JsonString.of(text(r, plain));
      case 1 -> JsonNumber.of((long) (r.nextGaussian() * 1e6));
      case 2 ->
          plain
              ? JsonNumber.of(r.nextLong(1_000_000_000_000_000L))
              : JsonNumber.of(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
      case 3 -> r.nextBoolean() ? JsonBoolean.TRUE : JsonBoolean.FALSE;
      case 4 -> JsonNull.INSTANCE;
      case 5 -> {
        JsonArray.Builder a = JsonArray.builder();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
          a.add(anyValue(r, depth + 1, plain));
        }
        yield a.build();
      }
      default -> anyObject(r, depth + 1, plain);
    };
  }

  private static JsonObject anyObject(Random r, int depth, boolean plain) {
    JsonObject.Builder o = JsonObject.builder();
    for (int i = 0, n = r.nextInt(4); i < n; i++) {
      o.put((plain || r.nextBoolean() ? name(r) : text(r, false)) + i, anyValue(r, depth, plain));
    }
    return o.build();
  }

  private static JsonValue valid(FieldSpec f, Random r, boolean plain) {
    if (!f.allowed().isEmpty()) {
      List<String> values = f.allowed().stream().sorted().toList();
      return JsonString.of(values.get(r.nextInt(values.size())));
    }
    return switch (f.kind()) {
      case NAME -> JsonString.of(name(r));
      case TEXT -> JsonString.of(text(r, plain));
      case HEX32 -> JsonString.of(hex32(r));
      case BASE64 -> JsonString.of("AAECAwQ=");
      case COUNT -> JsonNumber.of(r.nextLong(1L << 40));
      case TIME -> JsonString.of(EntryTime.format(T.plusSeconds(r.nextInt(1_000_000))));
      case NAMES -> {
        JsonArray.Builder a = JsonArray.builder();
        for (int i = 0, n = 1 + r.nextInt(plain ? 5 : 40); i < n; i++) {
          a.add(name(r) + i);
        }
        yield a.build();
      }
      case OBJECT -> anyObject(r, 1, plain);
    };
  }

  private static JsonObject body(EntryType type, Random r, boolean plain, boolean optional) {
    JsonObject.Builder b = JsonObject.builder();
    for (String field : fieldNames(type)) {
      FieldSpec f = type.field(field);
      if (f.required() || optional) {
        b.put(field, valid(f, r, plain));
      }
    }
    return b.build();
  }

  private static List<String> fieldNames(EntryType type) {
    return List.of(
            "keyId",
            "suite",
            "publicKey",
            "validFrom",
            "retiredAt",
            "subject",
            "partner",
            "purposes",
            "status",
            "policyVersion",
            "source",
            "recordId",
            "expires",
            "dataset",
            "version",
            "digest",
            "rows",
            "rejected",
            "collaboration",
            "members",
            "purpose",
            "rules",
            "rulesHash",
            "requestHash",
            "consentSize",
            "outputDigest",
            "suppressed",
            "privacy",
            "text")
        .stream()
        .filter(n -> type.field(n) != null)
        .toList();
  }

  private static byte[] entry(EntryType type, JsonObject body, Random r) {
    byte[] prev = new byte[32];
    r.nextBytes(prev);
    return LedgerEntry.encode(type, T.plusMillis(r.nextInt(5000)), prev, body.canonicalBytes());
  }

  @Test
  void check_plainValidEntriesOfEveryType_acceptedLikeDecode() {
    Random r = new Random(1);
    EntryScanner scanner = new EntryScanner();
    for (EntryType type : EntryType.values()) {
      for (int i = 0; i < 300; i++) {
        byte[] e = entry(type, body(type, r, true, r.nextBoolean()), r);
        assertTrue(agree(scanner, e));
        if (type != EntryType.KEY_PUBLISHED) { // base64 is left to the full parser
          assertEquals(
              type, scanner.check(e, 0, e.length), () -> new String(e, StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Test
  void check_generalValidEntries_neverDisagreesWithDecode() {
    Random r = new Random(2);
    EntryScanner scanner = new EntryScanner();
    for (int i = 0; i < 5000; i++) {
      EntryType type = TYPES.get(r.nextInt(TYPES.size()));
      assertTrue(agree(scanner, entry(type, body(type, r, false, r.nextBoolean()), r)));
    }
  }

  @Test
  void check_mutatedEntries_neverAcceptsWhatDecodeRejects() {
    Random r = new Random(3);
    EntryScanner scanner = new EntryScanner();
    int rejected = 0;
    int total = 20_000;
    for (int i = 0; i < total; i++) {
      EntryType type = TYPES.get(r.nextInt(TYPES.size()));
      byte[] e = mutate(entry(type, body(type, r, r.nextBoolean(), r.nextBoolean()), r), r);
      if (!agree(scanner, e)) {
        rejected++;
      }
    }
    assertTrue(rejected > total / 2, "mutations should mostly break entries: " + rejected);
  }

  private static byte[] mutate(byte[] e, Random r) {
    int at = r.nextInt(e.length);
    byte b = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)];
    return switch (r.nextInt(5)) {
      case 0 -> {
        byte[] c = e.clone();
        c[at] = b;
        yield c;
      }
      case 1 -> {
        byte[] c = new byte[e.length + 1];
        System.arraycopy(e, 0, c, 0, at);
        c[at] = b;
        System.arraycopy(e, at, c, at + 1, e.length - at);
        yield c;
      }
      case 2 -> {
        byte[] c = new byte[e.length - 1];
        System.arraycopy(e, 0, c, 0, at);
        System.arraycopy(e, at + 1, c, at, e.length - at - 1);
        yield c;
      }
      case 3 -> {
        byte[] c = e.clone();
        int j = Math.min(e.length - 1, at + 1 + r.nextInt(8));
        c[at] = e[j];
        c[j] = e[at];
        yield c;
      }
      default -> {
        int n = Math.min(e.length - at, 1 + r.nextInt(12));
        byte[] c = new byte[e.length + n];
        System.arraycopy(e, 0, c, 0, at + n);
        System.arraycopy(e, at, c, at + n, e.length - at);
        yield c;
      }
    };
  }

  @Test
  void check_nonCanonicalSpellings_rejected() {
    EntryScanner scanner = new EntryScanner();
    String prev = "ab".repeat(32);
    String tail = ",\"prev\":\"" + prev + "\",\"time\":\"2026-11-23T08:33:06.093Z\",\"type\":\"";
    List<String> bad =
        List.of(
            "{\"text\":\"\\u0041\"}",
            "{\"text\":\"\\/\"}",
            "{\"text\":\"\\u000A\"}",
            "{\"text\":\"\\u000a\"}",
            "{\"text\":\"\\u001F\"}",
            "{\"text\":\"a\tb\"}",
            "{\"text\": \"a\"}",
            "{\"text\":\"a\",\"text\":\"a\"}",
            "{\"text\":1}",
            "{}",
            "{\"other\":\"x\",\"text\":\"a\"}");
    for (String body : bad) {
      byte[] e = ("{\"body\":" + body + tail + "ledger.note\"}").getBytes(StandardCharsets.UTF_8);
      assertNull(scanner.check(e, 0, e.length), body);
      assertTrue(!agree(scanner, e), body);
    }
    List<String> badRules =
        List.of(
            "{\"a\":1.0}",
            "{\"a\":1e2}",
            "{\"a\":-0}",
            "{\"a\":01}",
            "{\"b\":1,\"a\":2}",
            "{\"a\":[1,]}",
            "{\"a\":tru}",
            "{\"a\":nul}",
            "{\"a\":\"\\u00e9\"}",
            "{\"a\":{\"a\":1,\"a\":2}}");
    for (String rules : badRules) {
      String body =
          "{\"collaboration\":\"c\",\"members\":[\"a\"],\"purpose\":\"p\",\"rules\":"
              + rules
              + ",\"rulesHash\":\""
              + prev
              + "\"}";
      byte[] e =
          ("{\"body\":" + body + tail + "collaboration.created\"}")
              .getBytes(StandardCharsets.UTF_8);
      assertNull(scanner.check(e, 0, e.length), rules);
      assertTrue(!agree(scanner, e), rules);
    }
  }

  @Test
  void check_jcsVectors_canonicalOutputsAgreeAndInputsRejected() throws IOException {
    EntryScanner scanner = new EntryScanner();
    int accepted = 0;
    for (String name : List.of("arrays", "french", "structures", "unicode", "values", "weird")) {
      for (String kind : List.of("output", "input")) {
        byte[] vector = resource("/jcs/cyberphone/" + kind + "/" + name + ".json");
        String text = new String(vector, StandardCharsets.UTF_8).strip();
        String body =
            "{\"collaboration\":\"c\",\"members\":[\"a\"],\"purpose\":\"p\",\"rules\":{\"v\":"
                + text
                + "},\"rulesHash\":\""
                + "cd".repeat(32)
                + "\"}";
        byte[] e =
            ("{\"body\":"
                    + body
                    + ",\"prev\":\""
                    + "00".repeat(32)
                    + "\",\"time\":\"2026-11-23T08:33:06.093Z\",\"type\":\"collaboration.created\"}")
                .getBytes(StandardCharsets.UTF_8);
        boolean decodeAccepts = agree(scanner, e);
        if (kind.equals("output")) {
          assertTrue(decodeAccepts, name + " output is canonical");
          if (scanner.check(e, 0, e.length) != null) {
            accepted++;
          }
        } else if (!Arrays.equals(vector, resource("/jcs/cyberphone/output/" + name + ".json"))) {
          assertNull(scanner.check(e, 0, e.length), name + " input is not canonical");
        }
      }
    }
    assertTrue(accepted >= 1, "the ASCII-only vectors take the fast path");
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = EntryScannerTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing " + path);
      }
      return in.readAllBytes();
    }
  }
}
