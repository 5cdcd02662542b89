package dev.parley.ledger.jcs;

/**
 * Checks that Java strings hold only code points I-JSON allows in names and string values.
 *
 * <p>RFC 7493 §2.1: "Object member names, and string values in arrays and object members, MUST NOT
 * include code points that identify Surrogates or Noncharacters as defined by [UNICODE]. This
 * applies both to characters encoded directly in UTF-8 and to those which are escaped". RFC 8785
 * §3.1 requires I-JSON input, and an unpaired surrogate could not be written as UTF-8 anyway. The
 * 66 noncharacters are U+FDD0..U+FDEF and every code point ending in FFFE or FFFF.
 */
final class Utf16 {
  private Utf16() {}

  /**
   * Describes the first code point I-JSON forbids.
   *
   * @param s the string to check
   * @return e.g. {@code "unpaired surrogate U+D800 at char index 3"}, or {@code null} if none
   */
  static String firstProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int codePoint = c;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return "unpaired surrogate U+%04X at char index %d".formatted(codePoint, i);
        }
        codePoint = Character.toCodePoint(c, s.charAt(i + 1));
      } else if (Character.isLowSurrogate(c)) {
        return "unpaired surrogate U+%04X at char index %d".formatted(codePoint, i);
      }
      if (isNoncharacter(codePoint)) {
        return "noncharacter U+%04X at char index %d".formatted(codePoint, i);
      }
      if (codePoint > 0xFFFF) {
        i++;
      }
    }
    return null;
  }

  /**
   * Tells whether a code point is one of Unicode's 66 noncharacters.
   *
   * @param codePoint a code point
   * @return true for U+FDD0..U+FDEF and U+xxFFFE / U+xxFFFF
   */
  static boolean isNoncharacter(int codePoint) {
    return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
  }

  /**
   * Rejects strings with code points I-JSON forbids.
   *
   * @param s the string to check
   * @param what what the string is, for the message (e.g. "JSON string", "property name")
   * @return {@code s}
   * @throws IllegalArgumentException naming the code point and its char index
   */
  static String requireValid(String s, String what) {
    String problem = firstProblem(s);
    if (problem != null) {
      throw new IllegalArgumentException(what + " contains " + problem + REASON);
    }
    return s;
  }

  /** Why, for messages. */
  static final String REASON = "; I-JSON (RFC 7493 §2.1) forbids surrogates and noncharacters";
}
