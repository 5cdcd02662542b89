package dev.parley.ledger.jcs;

/**
 * An immutable JSON value from the I-JSON subset (RFC 7493) that RFC 8785 canonicalizes.
 *
 * <p>Every instance is valid for canonicalization by construction: strings and property names are
 * well-formed UTF-16 (no unpaired surrogates) and numbers are finite IEEE-754 doubles. Equality is
 * structural and agrees with canonical equality: two values are {@code equals} exactly when their
 * canonical forms are the same bytes (objects compare member sets regardless of insertion order,
 * and {@code -0} is stored as {@code 0}).
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /**
   * Returns the RFC 8785 canonical UTF-8 encoding of this value.
   *
   * @return the canonical bytes (a fresh array)
   */
  default byte[] canonicalBytes() {
    return Jcs.canonicalize(this);
  }

  /**
   * Names this value's JSON type for error messages.
   *
   * @return "an object", "an array", "a string", "a number", "a boolean" or "null"
   */
  default String kind() {
    return switch (this) {
      case JsonObject _ -> "an object";
      case JsonArray _ -> "an array";
      case JsonString _ -> "a string";
      case JsonNumber _ -> "a number";
      case JsonBoolean _ -> "a boolean";
      case JsonNull _ -> "null";
    };
  }
}
