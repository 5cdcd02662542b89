package dev.parley.ledger.jcs;

import java.util.Map;

/**
 * Serializes a {@link JsonValue} in the RFC 8785 canonical form (as a Java string; the caller
 * encodes it as UTF-8).
 *
 * <p>RFC 8785 §3.2.1: "Whitespace between JSON tokens MUST NOT be emitted." Objects come out in the
 * UTF-16 code unit order {@link JsonObject} already keeps (§3.2.3). Literals are {@code true},
 * {@code false} and {@code null} (§3.2.2.1); numbers use {@link EcmaNumbers} (§3.2.2.3).
 */
final class JcsWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JcsWriter() {}

  /**
   * Returns the canonical text of a value.
   *
   * @param value the value
   * @return the canonical JSON text
   */
  static String write(JsonValue value) {
    StringBuilder out = new StringBuilder(128);
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, JsonValue value) {
    switch (value) {
      case JsonObject object -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          writeString(out, member.getKey());
          out.append(':');
          write(out, member.getValue());
        }
        out.append('}');
      }
      case JsonArray array -> {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, array.get(i));
        }
        out.append(']');
      }
      case JsonString string -> writeString(out, string.value());
      case JsonNumber number -> out.append(EcmaNumbers.toString(number.value()));
      case JsonBoolean bool -> out.append(bool.value() ? "true" : "false");
      case JsonNull _ -> out.append("null");
    }
  }

  /**
   * Appends a string literal escaped as RFC 8785 §3.2.2.2 prescribes.
   *
   * <p>The rule: "If the Unicode value falls within the traditional ASCII control character range
   * (U+0000 through U+001F), it MUST be serialized using lowercase hexadecimal Unicode notation
   * (\\uhhhh) unless it is in the set of predefined JSON control characters U+0008, U+0009, U+000A,
   * U+000C, or U+000D, which MUST be serialized as \\b, \\t, \\n, \\f, and \\r, respectively"; '"'
   * and '\\' are escaped as \\" and \\\\; everything else, including U+007F and all non-ASCII, is
   * emitted as is.
   *
   * @param out where to append
   * @param s a well-formed string
   */
  static void writeString(StringBuilder out, String s) {
    out.append('"');
    int run = 0; // start of the pending run of characters that need no escaping
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, run, s.length());
    out.append('"');
  }
}
