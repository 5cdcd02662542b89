package dev.parley.ledger.note;

import java.util.Optional;

/**
 * The rules for signed-note key names.
 *
 * <p>C2SP signed-note, "Format": "Key names MUST be non-empty and MUST NOT contain any Unicode
 * spaces or plus (U+002B) characters." "Unicode spaces" is read as Go's {@code unicode.IsSpace}
 * (the Unicode White_Space property): U+0009-U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A,
 * U+2028, U+2029, U+202F, U+205F and U+3000. Names must also be valid Unicode (no unpaired
 * surrogate, which could not be encoded as UTF-8), and, since "signed notes MUST NOT contain any
 * ASCII control characters (those below U+0020) other than newline", a name with such a character
 * could never appear in a signature line, so it is rejected too.
 */
public final class KeyNames {
  private KeyNames() {}

  /**
   * Tells whether a string is a valid key name.
   *
   * @param name the candidate
   * @return true if it may name a key
   */
  public static boolean isValid(String name) {
    return problem(name).isEmpty();
  }

  /**
   * Checks a key name.
   *
   * @param field what the name is, for the message (for example {@code "vkey: key name"})
   * @param name the candidate
   * @return {@code name}
   * @throws IllegalArgumentException saying what is wrong and where
   */
  public static String requireValid(String field, String name) {
    Optional<String> problem = problem(name);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(field + " \"" + name + "\" " + problem.get());
    }
    return name;
  }

  /**
   * Describes what is wrong with a key name, without repeating the name (so the description is safe
   * to use where the text may have been secret, as in a garbled skey).
   *
   * @param name the candidate
   * @return the problem, or empty if the name is valid
   */
  static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == '+') {
        return Optional.of("contains '+' at index " + i);
      }
      if (isUnicodeSpace(c)) {
        return Optional.of("contains a space (" + codePoint(c) + ") at index " + i);
      }
      if (c < 0x20) {
        return Optional.of("contains a control character (" + codePoint(c) + ") at index " + i);
      }
      if (Character.isSurrogate((char) c) && c <= 0xffff) {
        return Optional.of("contains an unpaired surrogate (" + codePoint(c) + ") at index " + i);
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  /** The Unicode White_Space property, which is what Go's {@code unicode.IsSpace} tests. */
  static boolean isUnicodeSpace(int c) {
    return (c >= 0x09 && c <= 0x0d)
        || c == 0x20
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  static String codePoint(int c) {
    String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
  }
}
