package dev.parley.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of valid inputs for fuzzing: byte-level damage (flips, cuts, insertions, invalid
 * UTF-8) and JSON-level damage (wrong types, unknown members, deep nesting, huge numbers, duplicate
 * members, truncation). Every choice comes from the given generator, so a seed replays a run
 * exactly.
 */
final class Mutations {
  private static final List<String> JSON_VALUES =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "-1",
          "1e400",
          "-0",
          "1.5",
          "123456789012345678901234567890",
          "9007199254740993",
          "\"\"",
          "\"x\"",
          "[]",
          "{}",
          "[null]",
          "{\"a\":1}",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"\\uffff\"",
          "1E+308",
          "0.0000000000000000000001");

  private final SplittableRandom random;

  Mutations(SplittableRandom random) {
    this.random = random;
  }

  /** A random byte-level mutation of {@code in}. */
  byte[] bytes(byte[] in) {
    byte[] b = in.clone();
    return switch (random.nextInt(8)) {
      case 0 -> b.length == 0 ? b : Arrays.copyOf(b, random.nextInt(b.length)); // truncation
      case 1 -> { // bit flips
        for (int i = 0, n = 1 + random.nextInt(4); i < n && b.length > 0; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield b;
      }
      case 2 -> insert(b, new byte[] {(byte) 0xC3}); // a lone UTF-8 lead byte
      case 3 -> insert(b, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // encoded surrogate
      case 4 ->
          insert(b, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
      case 5 -> insert(b, randomBytes(1 + random.nextInt(16)));
      case 6 -> b.length < 2 ? b : duplicateSlice(b);
      default -> randomBytes(random.nextInt(64));
    };
  }

  /** A random JSON-level mutation of a valid JSON text. */
  String json(String valid) {
    return switch (random.nextInt(10)) {
      case 0 -> replaceValue(valid, pick(JSON_VALUES)); // wrong type or odd value
      case 1 ->
          addMember(
              valid,
              "\""
                  + pick(
                      List.of(
                          "extra",
                          "__proto__",
                          "constructor",
                          "x".repeat(200),
                          "\\u0000",
                          "partner "))
                  + "\":"
                  + pick(JSON_VALUES));
      case 2 ->
          replaceValue(
              valid, "[".repeat(1 + random.nextInt(3000)) + "]".repeat(random.nextInt(3000)));
      case 3 -> replaceValue(valid, "1" + "0".repeat(random.nextInt(2000)));
      case 4 -> duplicateFirstMember(valid);
      case 5 -> valid.substring(0, random.nextInt(valid.length() + 1));
      case 6 -> replaceValue(valid, "\"" + "é😀\\n\\\"".repeat(1 + random.nextInt(50)) + "\"");
      case 7 -> "[" + valid + "]";
      case 8 -> valid + pick(List.of("", " ", "x", "{}", "\u0000", ","));
      default ->
          replaceValue(
              valid,
              "{\"a\":"
                  + "{\"a\":".repeat(random.nextInt(1200))
                  + "1"
                  + "}".repeat(random.nextInt(1200))
                  + "}");
    };
  }

  String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  private byte[] insert(byte[] b, byte[] extra) {
    int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
    byte[] out = new byte[b.length + extra.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(b, at, out, at + extra.length, b.length - at);
    return out;
  }

  private byte[] duplicateSlice(byte[] b) {
    int from = random.nextInt(b.length);
    int to = from + random.nextInt(b.length - from) + 1;
    return insert(b, Arrays.copyOfRange(b, from, to));
  }

  private byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  /** Replaces the value of a random top-level or nested member (after a random {@code ":"}). */
  private String replaceValue(String json, String value) {
    int colons = (int) json.chars().filter(c -> c == ':').count();
    if (colons == 0) {
      return value;
    }
    int target = random.nextInt(colons);
    int at = -1;
    for (int i = 0; i <= target; i++) {
      at = json.indexOf(':', at + 1);
    }
    int end = valueEnd(json, at + 1);
    return json.substring(0, at + 1) + value + json.substring(end);
  }

  /** The end of the JSON value starting at {@code from} (a shallow scan, good enough to fuzz). */
  private static int valueEnd(String s, int from) {
    int depth = 0;
    boolean string = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (string) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          string = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        string = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return s.length();
  }

  private String addMember(String json, String member) {
    int brace = json.indexOf('{');
    if (brace < 0) {
      return "{" + member + "}";
    }
    String rest = json.substring(brace + 1).strip();
    return json.substring(0, brace + 1)
        + member
        + (rest.startsWith("}") ? "" : ",")
        + json.substring(brace + 1);
  }

  private String duplicateFirstMember(String json) {
    int brace = json.indexOf('{');
    int colon = json.indexOf(':', brace);
    if (brace < 0 || colon < 0) {
      return json;
    }
    int end = valueEnd(json, colon + 1);
    String member = json.substring(brace + 1, end);
    return json.substring(0, brace + 1) + member + "," + json.substring(brace + 1);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
