package dev.parley.ledger.jcs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The strict I-JSON reader behind {@link Jcs#parse}: Jackson's streaming tokenizer plus the checks
 * RFC 8785 §3.1 adds on top of RFC 8259.
 *
 * <p>Implementation notes. Jackson's defaults already reject comments, single quotes, unquoted
 * names, leading zeros, {@code NaN}, trailing commas and raw control characters; what it lets
 * through is checked here. (1) {@link Utf8Check} validates the bytes first, which also keeps
 * Jackson's encoding detection on UTF-8 (it needs NUL bytes to guess UTF-16/32). (2) RFC 7493 §2.3:
 * "Objects in I-JSON messages MUST NOT have members with names that are duplicates"; names are
 * compared after unescaping. (3) RFC 7493 §2.1: no surrogates or noncharacters, "both to characters
 * encoded directly in UTF-8 and to those which are escaped" — checked on the decoded text, where
 * only escapes can still produce them. (4) RFC 7493 §2.2: numbers must fit an IEEE-754 double; a
 * literal that rounds to infinity is rejected (those that round to zero or lose digits are accepted
 * and rounded, as §3.2.2.3 of RFC 8785 expects). (5) Nothing but whitespace may follow the value.
 * Each parse keeps its own JSON Pointer path for messages.
 */
final class JcsParser {
  /** Maximum nesting of arrays and objects. */
  static final int MAX_DEPTH = 1000;

  /** Maximum length of a number literal, in characters. */
  static final int MAX_NUMBER_LENGTH = 1000;

  private static final int MAX_ECHO = 40;

  private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: .*?; line:");

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .build();

  private final List<Object> path = new ArrayList<>();

  private JcsParser() {}

  static JsonValue parse(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    Utf8Check.validate(utf8);
    return new JcsParser().run(utf8);
  }

  private JsonValue run(byte[] in) {
    try (JsonParser p = FACTORY.createParser(in)) {
      try {
        JsonToken first = p.nextToken();
        if (first == null) {
          throw new InvalidJsonException("no JSON value (input is empty or blank)", in.length, "");
        }
        JsonValue value = readValue(p, first);
        requireOnlyWhitespace(in, p.currentLocation().getByteOffset());
        return value;
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        String kind =
            e instanceof StreamConstraintsException ? "limit exceeded: " : "malformed JSON: ";
        throw new InvalidJsonException(
            kind + withoutSourceNote(e.getOriginalMessage()), at.getByteOffset(), pointer());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: reading a byte array", e);
    }
  }

  private JsonValue readValue(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> readArray(p);
      case VALUE_STRING -> new JsonString(checkText(p.getText(), "string", tokenOffset(p)));
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> readNumber(p);
      case VALUE_TRUE -> JsonBoolean.TRUE;
      case VALUE_FALSE -> JsonBoolean.FALSE;
      case VALUE_NULL -> JsonNull.INSTANCE;
      default -> throw new IllegalStateException("Jackson returned " + token + " for a value");
    };
  }

  private JsonObject readObject(JsonParser p) throws IOException {
    TreeMap<String, JsonValue> members = new TreeMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      long at = tokenOffset(p);
      checkText(name, "property name", at);
      path.add(name);
      if (members.containsKey(name)) {
        throw new InvalidJsonException(
            "duplicate property name "
                + echo(name)
                + " (RFC 7493 §2.3: names MUST be unique, compared after unescaping)",
            at,
            pointer());
      }
      members.put(name, readValue(p, p.nextToken()));
      path.removeLast();
    }
    return new JsonObject(members);
  }

  private JsonArray readArray(JsonParser p) throws IOException {
    List<JsonValue> elements = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      path.add(elements.size());
      elements.add(readValue(p, t));
      path.removeLast();
    }
    return new JsonArray(elements);
  }

  private JsonNumber readNumber(JsonParser p) throws IOException {
    String text = p.getText();
    double value = Double.parseDouble(text); // JSON number grammar ⊂ Java's; correctly rounded
    if (Double.isInfinite(value)) {
      throw new InvalidJsonException(
          "number "
              + abbreviate(text)
              + " is outside the IEEE-754 double range (RFC 7493 §2.2, RFC 8785 §3.2.2.3)",
          tokenOffset(p),
          pointer());
    }
    return new JsonNumber(value);
  }

  private String checkText(String text, String what, long at) {
    String problem = Utf16.firstProblem(text);
    if (problem != null) {
      throw new InvalidJsonException(what + " contains " + problem + Utf16.REASON, at, pointer());
    }
    return text;
  }

  private static void requireOnlyWhitespace(byte[] in, long from) {
    for (int i = (int) from; i < in.length; i++) {
      byte b = in[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw new InvalidJsonException("trailing data after the JSON value", i, "");
      }
    }
  }

  private static long tokenOffset(JsonParser p) {
    return p.currentTokenLocation().getByteOffset();
  }

  /** Returns the RFC 6901 JSON Pointer of the current position ("" at the top level). */
  private String pointer() {
    StringBuilder out = new StringBuilder();
    for (Object segment : path) {
      out.append('/');
      if (segment instanceof String name) {
        out.append(name.replace("~", "~0").replace("/", "~1"));
      } else {
        out.append(segment);
      }
    }
    return out.toString();
  }

  /**
   * Drops Jackson's "[Source: REDACTED (...); line: 1, column: 1]" note down to line and column.
   */
  private static String withoutSourceNote(String message) {
    return SOURCE_NOTE.matcher(message).replaceAll("[line:");
  }

  private static String echo(String name) {
    StringBuilder out = new StringBuilder();
    JcsWriter.writeString(out, name.length() > MAX_ECHO ? name.substring(0, MAX_ECHO) : name);
    return name.length() > MAX_ECHO ? out.append("...").toString() : out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
  }
}
