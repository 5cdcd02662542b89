package dev.parley.cleanroom.identity;

import java.util.Objects;

/**
 * Normalizes raw emails and phone numbers exactly as UID2 requires before hashing.
 *
 * <p>UID2, "Normalization and encoding" (unifiedid.com/docs/getting-started/gs-normalization-
 * encoding). Email: "1. Remove leading and trailing spaces. 2. If there are uppercase characters,
 * convert them to lowercase. 3. In {@code gmail.com} addresses only: [remove every] period ({@code
 * .}) ... [and] the plus sign ({@code +}) and all subsequent characters" before the {@code @}.
 * Phone: "The UID2 Operator accepts phone numbers in the E.164 format", "a maximum of 15 digits",
 * "with no spaces, hyphens, parentheses, or other special characters": {@code +} then digits; the
 * UID2 operator checks 10 to 15 digits, and "can't normalize phone numbers", so anything else is
 * rejected here with the reason rather than reformatted.
 *
 * <p>Implementation notes. "Spaces" are U+0020 only and "uppercase" is ASCII A-Z only, as in the
 * UID2 operator's reference implementation; non-ASCII characters pass unchanged (case mapping
 * beyond ASCII is locale- and version-dependent and UID2 does not specify it). The domain
 * comparison with {@code gmail.com} happens after lowercasing. Inputs for which the published rules
 * and the reference implementation could disagree, or which have no UTF-8 form, are rejected
 * instead of guessed at: whitespace left after trimming (the reference implementation drops spaces
 * inside the local part but keeps them inside the domain), control characters, unpaired surrogates,
 * zero or several {@code @}, and an empty local part or domain. On every accepted input the result
 * equals UID2's, and normalizing a normalized value returns it unchanged.
 */
public final class Normalizer {
  private static final String GMAIL = "gmail.com";
  private static final int MIN_PHONE_DIGITS = 10;
  private static final int MAX_PHONE_DIGITS = 15;

  private Normalizer() {}

  /**
   * Normalizes an email address.
   *
   * @param raw the address as entered
   * @return the normalized address
   * @throws InvalidIdentifierException saying why, e.g. {@code "email: missing '@'"}
   */
  public static NormalizedIdentifier normalizeEmail(String raw) {
    return new NormalizedIdentifier(IdentifierKind.EMAIL, emailValue(raw));
  }

  /**
   * Validates a phone number, which must already be in E.164 form.
   *
   * @param raw the number, e.g. {@code "+12345678901"}
   * @return the same number as a normalized identifier
   * @throws InvalidIdentifierException saying why, e.g. {@code "phone: must start with '+', got a
   *     digit at index 0 ..."}
   */
  public static NormalizedIdentifier normalizePhone(String raw) {
    return new NormalizedIdentifier(IdentifierKind.PHONE, phoneValue(raw));
  }

  /**
   * Normalizes an identifier of the given kind.
   *
   * @param kind the kind
   * @param raw the identifier as entered
   * @return the normalized identifier
   * @throws InvalidIdentifierException saying why
   */
  public static NormalizedIdentifier normalize(IdentifierKind kind, String raw) {
    return new NormalizedIdentifier(kind, value(kind, raw));
  }

  /** The normalized value alone; {@link NormalizedIdentifier} uses it to check its invariant. */
  static String value(IdentifierKind kind, String raw) {
    return switch (Objects.requireNonNull(kind, "kind")) {
      case EMAIL -> emailValue(raw);
      case PHONE -> phoneValue(raw);
    };
  }

  private static String emailValue(String raw) {
    Objects.requireNonNull(raw, "raw");
    int start = 0;
    int end = raw.length();
    while (start < end && raw.charAt(start) == ' ') {
      start++; // "Remove leading and trailing spaces."
    }
    while (end > start && raw.charAt(end - 1) == ' ') {
      end--;
    }
    if (start == end) {
      throw email("empty (or only spaces)");
    }
    StringBuilder lower = new StringBuilder(end - start);
    int at = -1;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw email(
            "whitespace at index %d (%s); only leading and trailing spaces are removed"
                .formatted(i, CharClass.describe(c)));
      }
      if (Character.isISOControl(c)) {
        throw email("a control character at index " + i);
      }
      if (Character.isSurrogate(c) && !isPairedSurrogate(raw, i)) {
        throw email("unpaired surrogate at index " + i + " (not encodable as UTF-8)");
      }
      if (c == '@') {
        if (at >= 0) {
          throw email("second '@' at index " + i);
        }
        at = i - start;
      }
      // "If there are uppercase characters, convert them to lowercase." (ASCII, as UID2 does)
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    if (at < 0) {
      throw email("missing '@'");
    }
    String local = lower.substring(0, at);
    String domain = lower.substring(at + 1);
    if (local.isEmpty()) {
      throw email("empty local part before '@'");
    }
    if (domain.isEmpty()) {
      throw email("empty domain after '@'");
    }
    if (domain.equals(GMAIL)) {
      int plus = local.indexOf('+');
      // "remove the plus sign (+) ... and all subsequent characters"; "remove [each] period (.)"
      local = (plus >= 0 ? local.substring(0, plus) : local).replace(".", "");
      if (local.isEmpty()) {
        throw email("local part is empty after gmail.com normalization (removing '.' and '+...')");
      }
    }
    return local + "@" + domain;
  }

  private static boolean isPairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static String phoneValue(String raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.isEmpty()) {
      throw phone("empty");
    }
    if (raw.charAt(0) != '+') {
      throw phone(
          "must start with '+', got %s at index 0; UID2 accepts only E.164 numbers and does not"
                  .formatted(CharClass.describe(raw.charAt(0)))
              + " reformat them");
    }
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        throw phone(
            "only digits may follow '+' in E.164, got %s at index %d"
                .formatted(CharClass.describe(c), i));
      }
    }
    int digits = raw.length() - 1;
    if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) {
      throw phone(
          "%d digits after '+'; UID2 accepts E.164 numbers with %d to %d digits"
              .formatted(digits, MIN_PHONE_DIGITS, MAX_PHONE_DIGITS));
    }
    return raw;
  }

  private static InvalidIdentifierException email(String reason) {
    return new InvalidIdentifierException(IdentifierKind.EMAIL, "email: " + reason);
  }

  private static InvalidIdentifierException phone(String reason) {
    return new InvalidIdentifierException(IdentifierKind.PHONE, "phone: " + reason);
  }
}
