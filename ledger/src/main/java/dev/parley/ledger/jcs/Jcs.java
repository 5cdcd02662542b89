package dev.parley.ledger.jcs;

import java.nio.charset.StandardCharsets;

/**
 * The JSON Canonicalization Scheme (RFC 8785): strict parsing and canonical serialization.
 *
 * <p>{@link #parse} accepts only I-JSON (RFC 8785 §3.1), {@link #canonicalize(JsonValue)} emits the
 * canonical UTF-8 bytes of §3.2, and {@code canonicalize(parse(x))} is what a ledger hashes or
 * signs. Canonical output parses back to an equal value and canonicalizes to the same bytes.
 */
public final class Jcs {
  private Jcs() {}

  /**
   * Parses strict I-JSON from UTF-8 bytes.
   *
   * <p>Rejected, with the byte offset and the JSON Pointer path: malformed JSON (RFC 8259), invalid
   * UTF-8 or a byte order mark, raw control characters, duplicate property names (also when spelled
   * with different escapes), unpaired surrogates and noncharacters in names or strings (also when
   * escaped), numbers that overflow an IEEE-754 double, data after the value, nesting deeper than
   * 1000 levels and number literals longer than 1000 characters. Numbers are rounded to the nearest
   * double, as RFC 8785 §3.2.2.3 expects (so {@code 1e-400} becomes {@code 0}).
   *
   * @param utf8 a complete JSON text
   * @return the value
   * @throws InvalidJsonException if the input is not strict I-JSON
   */
  public static JsonValue parse(byte[] utf8) {
    return JcsParser.parse(utf8);
  }

  /**
   * Returns the canonical form of a value (RFC 8785 §3.2) as UTF-8 bytes.
   *
   * @param value any value; all are canonicalizable by construction
   * @return a fresh array with the canonical bytes
   */
  public static byte[] canonicalize(JsonValue value) {
    return canonicalString(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses strict I-JSON and returns its canonical form.
   *
   * @param json a complete JSON text in UTF-8
   * @return the canonical bytes
   * @throws InvalidJsonException if the input is not strict I-JSON
   */
  public static byte[] canonicalize(byte[] json) {
    return canonicalize(parse(json));
  }

  /**
   * Returns the canonical form of a value as a string (for logs and tests; hash the bytes).
   *
   * @param value any value
   * @return the canonical JSON text
   */
  public static String canonicalString(JsonValue value) {
    return JcsWriter.write(value);
  }

  /**
   * Formats a number as RFC 8785 §3.2.2.3 does, i.e. as ECMAScript's {@code Number.prototype
   * .toString()}: shortest round-tripping digits, plain notation from 1e-6 up to below 1e21,
   * otherwise exponential with {@code e+}/{@code e-}, no trailing {@code .0}, {@code -0} as {@code
   * 0}.
   *
   * @param value a finite double
   * @return the canonical number text
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static String numberToString(double value) {
    return EcmaNumbers.toString(value);
  }
}
