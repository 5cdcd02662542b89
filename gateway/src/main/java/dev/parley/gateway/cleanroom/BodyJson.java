package dev.parley.gateway.cleanroom;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of clean-room request bodies; pure. A body must be one I-JSON object (RFC 7493,
 * parsed by the ledger's RFC 8785 parser: no duplicate names, valid UTF-8, nothing after it) with
 * only the members the request defines, each of its type. Errors throw {@link ProblemException} 400
 * naming the member.
 */
final class BodyJson {
  private BodyJson() {}

  /** Parses a body that must be a JSON object with only the {@code allowed} members. */
  static JsonObject object(byte[] body, Set<String> allowed) {
    JsonValue v;
    try {
      v = Jcs.parse(body);
    } catch (InvalidJsonException e) {
      throw ProblemException.badRequest(
          "body: not valid JSON: " + e.reason() + " at byte offset " + e.byteOffset());
    }
    if (!(v instanceof JsonObject o)) {
      throw ProblemException.badRequest("body: must be a JSON object");
    }
    for (String name : o.members().keySet()) {
      if (!allowed.contains(name)) {
        throw ProblemException.badRequest(
            name + ": unknown field; expected one of " + new TreeSet<>(allowed));
      }
    }
    return o;
  }

  /** A required member of any type. */
  static JsonValue required(JsonObject o, String name) {
    return o.get(name).orElseThrow(() -> ProblemException.badRequest(name + ": required"));
  }

  /** A required string member. */
  static String string(JsonObject o, String name) {
    if (required(o, name) instanceof JsonString s) {
      return s.value();
    }
    throw ProblemException.badRequest(name + ": must be a string");
  }

  /** An optional string member (present with another type, even null, is an error). */
  static Optional<String> optionalString(JsonObject o, String name) {
    return o.get(name).isEmpty() ? Optional.empty() : Optional.of(string(o, name));
  }

  /** An optional integer member within {@code [min, max]}. */
  static OptionalLong optionalInteger(JsonObject o, String name, long min, long max) {
    Optional<JsonValue> v = o.get(name);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    if (v.get() instanceof JsonNumber n
        && n.value() == Math.rint(n.value())
        && n.value() >= min
        && n.value() <= max) {
      return OptionalLong.of((long) n.value());
    }
    throw ProblemException.badRequest(name + ": must be an integer " + min + "-" + max);
  }

  /** A required object member. */
  static JsonObject objectMember(JsonObject o, String name) {
    if (required(o, name) instanceof JsonObject x) {
      return x;
    }
    throw ProblemException.badRequest(name + ": must be an object");
  }

  /** A required array of strings. */
  static List<String> strings(JsonObject o, String name, int max) {
    if (!(required(o, name) instanceof JsonArray a)) {
      throw ProblemException.badRequest(name + ": must be an array of strings");
    }
    if (a.size() > max) {
      throw ProblemException.badRequest(name + ": at most " + max + " items, got " + a.size());
    }
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JsonString s)) {
        throw ProblemException.badRequest(name + "[" + i + "]: must be a string");
      }
      out.add(s.value());
    }
    return out;
  }
}
