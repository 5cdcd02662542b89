package dev.parley.cleanroom.collab;

import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonBoolean;
import dev.parley.ledger.jcs.JsonNull;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Path-aware, strict reads of parsed JSON: every accessor names the full field path when it fails,
 * and {@link #onlyFields} rejects members a schema does not define (a typo must not silently fall
 * back to a default in a document that governs what leaves the clean room).
 */
public final class StrictJson {
  private StrictJson() {}

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
    throw new InvalidFieldException(path, "must be an object, got " + typeName(value));
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
    throw new InvalidFieldException(path, "must be a string, got " + typeName(value));
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
    throw new InvalidFieldException(path, "must be an array, got " + typeName(value));
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
    throw new InvalidFieldException(child(path, name), "must be a number, got " + typeName(v));
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
          child(path, name), "must be an integer from " + min + " to " + max);
    }
    return (long) d;
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

  private static String typeName(JsonValue value) {
    return switch (value) {
      case JsonObject _ -> "an object";
      case JsonArray _ -> "an array";
      case JsonString _ -> "a string";
      case JsonNumber _ -> "a number";
      case JsonBoolean _ -> "a boolean";
      case JsonNull _ -> "null";
    };
  }
}
