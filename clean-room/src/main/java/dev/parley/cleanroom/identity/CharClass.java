package dev.parley.cleanroom.identity;

/**
 * Describes a character for error messages without revealing personal data.
 *
 * <p>Letters and digits of an identifier are personal data, so they are only named by class ("a
 * digit"). ASCII punctuation and symbols carry no such information on their own and are quoted,
 * which makes messages like {@code "got '(' at index 0"} actionable.
 */
final class CharClass {
  private CharClass() {}

  static String describe(char c) {
    if (c >= '0' && c <= '9') {
      return "a digit";
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return "a letter";
    }
    if (c == ' ') {
      return "a space";
    }
    if (Character.isISOControl(c)) {
      return "a control character";
    }
    if (c < 0x80) {
      return "'" + c + "'";
    }
    if (Character.isSurrogate(c)) {
      return "a surrogate";
    }
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return "non-ASCII whitespace";
    }
    if (Character.isLetterOrDigit(c)) {
      return Character.isDigit(c) ? "a non-ASCII digit" : "a non-ASCII letter";
    }
    return "a non-ASCII character";
  }
}
