package dev.parley.ledger.jcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Path-aware, strict reads of JSON documents and request bodies: every accessor names the full
 * field path when it fails ({@link InvalidFieldException}, e.g. {@code records[3].tcString: must be
 * a string, got a number}), and {@link #onlyFields} rejects members a schema does not define (a
 * typo must not silently fall back to a default in a document that governs consent or what leaves
 * the clean room). Bodies are parsed by {@link Jcs#parse}, so they must be I-JSON (RFC 7493: valid
 * UTF-8, no duplicate member names, nothing after the value).
 */
public final class StrictJson {
  /** The path of a request body as a whole. */
  public static final String BODY = "body";

  private StrictJson() {}

  /**
   * Parses a request body that must be one JSON object with only the allowed members.
   *
   * @param body the bytes received
   * @param allowed the member names the request defines
   * @return the object
   * @throws InvalidFieldException with path {@code body} if it is not valid JSON (naming the
   *     parser's reason and byte offset) or not an object, or naming the first unknown member
   */
  public static JsonObject body(byte[] body, Set<String> allowed) {
    JsonValue v;
    try {
      v = Jcs.parse(body);
    } catch (InvalidJsonException e) {
      throw new InvalidFieldException(
          BODY, "not valid JSON: " + e.reason() + " at byte offset " + e.byteOffset(), e);
    }
    return onlyFields(object(v, BODY), "", allowed);
  }

  /**
   * Returns a value as an object.
   *
   * @param value the value
   * @param path its path
   * @return the object
   * @throws InvalidFieldException if it is not an object
   */
  public static JsonObject object(JsonValue value, String path) {
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new InvalidFieldException(path, "must be an object, got " + value.kind());
  }

  /**
   * Checks that an object has no members besides the allowed ones.
   *
   * @param object the object
   * @param path its path
   * @param allowed the member names its schema defines
   * @return {@code object}
   * @throws InvalidFieldException naming the first unknown member
   */
  public static JsonObject onlyFields(JsonObject object, String path, Set<String> allowed) {
    for (String name : object.members().keySet()) {
      if (!allowed.contains(name)) {
        throw new InvalidFieldException(
            child(path, name), "unknown field; expected one of " + new TreeSet<>(allowed));
      }
    }
    return object;
  }

  /**
   * Returns a required member.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @return the value
   * @throws InvalidFieldException if absent
   */
  public static JsonValue required(JsonObject object, String path, String name) {
    return object
        .get(name)
        .orElseThrow(() -> new InvalidFieldException(child(path, name), "is required"));
  }

  /**
   * Returns an optional member, treating JSON {@code null} as absent.
   *
   * @param object the object
   * @param name the member name
   * @return the value, if present and not null
   */
  public static Optional<JsonValue> optional(JsonObject object, String name) {
    return object.get(name).filter(v -> !(v instanceof JsonNull));
  }

  /**
   * Returns a required string member.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @return the string
   * @throws InvalidFieldException if absent or not a string
   */
  public static String string(JsonObject object, String path, String name) {
    return string(required(object, path, name), child(path, name));
  }

  /**
   * Returns a value as a string.
   *
   * @param value the value
   * @param path its path
   * @return the string
   * @throws InvalidFieldException if it is not a string
   */
  public static String string(JsonValue value, String path) {
    if (value instanceof JsonString s) {
      return s.value();
    }
    throw new InvalidFieldException(path, "must be a string, got " + value.kind());
  }

  /**
   * Returns a value as a string matching a pattern.
   *
   * @param value the value
   * @param path its path
   * @param pattern the syntax
   * @param syntax how to describe the syntax in the error
   * @return the string
   * @throws InvalidFieldException if it is not a matching string
   */
  public static String matching(JsonValue value, String path, Pattern pattern, String syntax) {
    String s = string(value, path);
    if (!pattern.matcher(s).matches()) {
      throw new InvalidFieldException(path, "must match " + syntax + ", got " + quote(s));
    }
    return s;
  }

  /**
   * Returns a required array member.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @return the array
   * @throws InvalidFieldException if absent or not an array
   */
  public static JsonArray array(JsonObject object, String path, String name) {
    return array(required(object, path, name), child(path, name));
  }

  /**
   * Returns a required array member with {@code min} to {@code max} elements.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @param min the fewest elements allowed
   * @param max the most elements allowed
   * @return the array
   * @throws InvalidFieldException if absent, not an array, or of another size
   */
  public static JsonArray array(JsonObject object, String path, String name, int min, int max) {
    JsonArray a = array(object, path, name);
    if (a.size() < min || a.size() > max) {
      throw new InvalidFieldException(
          child(path, name), "must hold " + min + "-" + max + " items, got " + a.size());
    }
    return a;
  }

  /**
   * Returns a value as an array.
   *
   * @param value the value
   * @param path its path
   * @return the array
   * @throws InvalidFieldException if it is not an array
   */
  public static JsonArray array(JsonValue value, String path) {
    if (value instanceof JsonArray a) {
      return a;
    }
    throw new InvalidFieldException(path, "must be an array, got " + value.kind());
  }

  /**
   * Returns a required finite number member.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @return the number
   * @throws InvalidFieldException if absent or not a number
   */
  public static double number(JsonObject object, String path, String name) {
    JsonValue v = required(object, path, name);
    if (v instanceof JsonNumber n) {
      return n.value();
    }
    throw new InvalidFieldException(child(path, name), "must be a number, got " + v.kind());
  }

  /**
   * Returns a required integer member within a range.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the integer
   * @throws InvalidFieldException if absent, not an integer, or out of range
   */
  public static long integer(JsonObject object, String path, String name, long min, long max) {
    double d = number(object, path, name);
    if (d != Math.rint(d) || d < min || d > max) {
      throw new InvalidFieldException(
          child(path, name),
          "must be an integer from " + min + " to " + max + ", got " + Jcs.numberToString(d));
    }
    return (long) d;
  }

  /**
   * Returns a required object member.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @return the member
   * @throws InvalidFieldException if absent or not an object
   */
  public static JsonObject object(JsonObject object, String path, String name) {
    return object(required(object, path, name), child(path, name));
  }

  /**
   * Returns an optional string member; present with another type (even {@code null}) is an error.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @return the string, if present
   * @throws InvalidFieldException if present and not a string
   */
  public static Optional<String> optionalString(JsonObject object, String path, String name) {
    Optional<JsonValue> v = object.get(name);
    return v.isEmpty() ? Optional.empty() : Optional.of(string(v.get(), child(path, name)));
  }

  /**
   * Returns an optional integer member within a range; present with another type is an error.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the integer, if present
   * @throws InvalidFieldException if present and not an integer in range
   */
  public static OptionalLong optionalInteger(
      JsonObject object, String path, String name, long min, long max) {
    return object.get(name).isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(integer(object, path, name, min, max));
  }

  /**
   * Returns a required array member of at most {@code max} strings.
   *
   * @param object the object
   * @param path its path
   * @param name the member name
   * @param max the most elements allowed
   * @return the strings, in order
   * @throws InvalidFieldException if absent, not an array, too long, or an element is not a string
   */
  public static List<String> strings(JsonObject object, String path, String name, int max) {
    String where = child(path, name);
    JsonArray a = array(object, path, name);
    if (a.size() > max) {
      throw new InvalidFieldException(where, "at most " + max + " items, got " + a.size());
    }
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(string(a.get(i), element(where, i)));
    }
    return out;
  }

  /**
   * Returns the path of a member.
   *
   * @param path the parent's path ({@code $} or empty for the root)
   * @param name the member name
   * @return e.g. {@code datasets[0].metrics}
   */
  public static String child(String path, String name) {
    return path.isEmpty() || path.equals("$") ? name : path + "." + name;
  }

  /**
   * Returns the path of an array element.
   *
   * @param path the array's path
   * @param index the element index
   * @return e.g. {@code dimensions[2]}
   */
  public static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  /**
   * Quotes a string for an error message, abbreviating long ones.
   *
   * @param s the string
   * @return {@code 's'} or a length description
   */
  public static String quote(String s) {
    return s.length() > 80 ? "a " + s.length() + "-character string" : "'" + s + "'";
  }
}
