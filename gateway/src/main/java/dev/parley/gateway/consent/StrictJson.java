package dev.parley.gateway.consent;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonBoolean;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of JSON request bodies; pure. Bodies must be I-JSON (RFC 7493, parsed by the
 * ledger's RFC 8785 parser: no duplicate member names, valid UTF-8, no trailing data), objects may
 * hold only the members a request defines, and every member must have its type. Each error names
 * the member as a path such as {@code records[3].tcString}.
 */
final class StrictJson {
  private StrictJson() {}

  /**
   * Parses a body that must be a JSON object.
   *
   * @throws IllegalArgumentException starting with {@code body:} and the parser's offset and path
   */
  static JsonObject object(byte[] body) {
    JsonValue v;
    try {
      v = Jcs.parse(body);
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException("body: not valid JSON: " + e.getMessage(), e);
    }
    return asObject(v, "body");
  }

  /** Returns {@code v} as an object, or fails naming {@code where}. */
  static JsonObject asObject(JsonValue v, String where) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException(where + ": must be an object, got " + typeName(v));
  }

  /**
   * Rejects members other than {@code allowed}.
   *
   * @param where the object's path ({@code ""} for the body)
   */
  static void onlyKnown(JsonObject o, String where, Set<String> allowed) {
    for (String name : o.members().keySet()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            field(where, name) + ": unknown field; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  /** A string member, empty if absent. Fails if it is present with another type (even null). */
  static Optional<String> string(JsonObject o, String where, String name) {
    Optional<JsonValue> v = o.get(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof JsonString s) {
      return Optional.of(s.value());
    }
    throw new IllegalArgumentException(
        field(where, name) + ": must be a string, got " + typeName(v.get()));
  }

  /** A required string member. */
  static String requiredString(JsonObject o, String where, String name) {
    return string(o, where, name)
        .orElseThrow(() -> new IllegalArgumentException(field(where, name) + ": required"));
  }

  /** An integer member within {@code [min, max]}, empty if absent. */
  static OptionalLong integer(JsonObject o, String where, String name, long min, long max) {
    Optional<JsonValue> v = o.get(name);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    String bad = field(where, name) + ": must be an integer " + min + "-" + max;
    if (!(v.get() instanceof JsonNumber n)) {
      throw new IllegalArgumentException(bad + ", got " + typeName(v.get()));
    }
    if (n.value() != Math.rint(n.value()) || n.value() < min || n.value() > max) {
      throw new IllegalArgumentException(bad + ", got " + Jcs.numberToString(n.value()));
    }
    return OptionalLong.of((long) n.value());
  }

  /** A required array member with {@code min} to {@code max} elements. */
  static JsonArray array(JsonObject o, String where, String name, int min, int max) {
    JsonValue v =
        o.get(name)
            .orElseThrow(() -> new IllegalArgumentException(field(where, name) + ": required"));
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException(
          field(where, name) + ": must be an array, got " + typeName(v));
    }
    if (a.size() < min || a.size() > max) {
      throw new IllegalArgumentException(
          field(where, name) + ": must hold " + min + "-" + max + " items, got " + a.size());
    }
    return a;
  }

  /** The path of member {@code name} inside the object at {@code where}. */
  static String field(String where, String name) {
    return where.isEmpty() ? name : where + "." + name;
  }

  private static String typeName(JsonValue v) {
    return switch (v) {
      case JsonObject _ -> "an object";
      case JsonArray _ -> "an array";
      case JsonString _ -> "a string";
      case JsonNumber _ -> "a number";
      case JsonBoolean _ -> "a boolean";
      case JsonNull _ -> "null";
    };
  }
}
