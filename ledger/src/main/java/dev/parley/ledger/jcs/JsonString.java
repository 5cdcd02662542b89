package dev.parley.ledger.jcs;

import java.util.Objects;

/**
 * A JSON string: any well-formed sequence of Unicode code points, held as a Java string.
 *
 * <p>RFC 8785 §3.2.2.2 serializes strings as UTF-8, so a string with an unpaired surrogate has no
 * canonical form; I-JSON (RFC 7493 §2.1) also forbids Unicode noncharacters. Both are rejected
 * here. No Unicode normalization is applied (RFC 8785 §3.1 keeps strings "as is").
 *
 * @param value the string
 */
public record JsonString(String value) implements JsonValue {
  /**
   * Validates the string.
   *
   * @throws IllegalArgumentException if {@code value} has an unpaired surrogate or a noncharacter
   */
  public JsonString {
    Objects.requireNonNull(value, "value");
    Utf16.requireValid(value, "JSON string");
  }

  /**
   * Returns a JSON string.
   *
   * @param value a well-formed string
   * @return the JSON string
   */
  public static JsonString of(String value) {
    return new JsonString(value);
  }
}
