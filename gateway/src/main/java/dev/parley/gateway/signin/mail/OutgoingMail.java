package dev.parley.gateway.signin.mail;

import java.util.Objects;

/**
 * One plain-text mail to send. {@link #toString()} shows neither the recipient (personal data) nor
 * the text (it carries a sign-in code).
 *
 * @param from the sender address
 * @param to the recipient address
 * @param subject the subject line (ASCII)
 * @param text the body, lines separated by {@code \n}
 */
public record OutgoingMail(String from, String to, String subject, String text) {
  /** Validates that no header field can smuggle in another header line. */
  public OutgoingMail {
    Objects.requireNonNull(text, "text");
    requireOneLine("from", from);
    requireOneLine("to", to);
    requireOneLine("subject", subject);
  }

  private static void requireOneLine(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(field + ": control character at index " + i);
      }
    }
  }

  @Override
  public String toString() {
    return "OutgoingMail[subject=" + subject + ", recipient and text redacted]";
  }
}
