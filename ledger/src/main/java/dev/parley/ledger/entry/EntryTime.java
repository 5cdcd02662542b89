package dev.parley.ledger.entry;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Entry timestamps: RFC 3339 date-times in UTC, written with exactly three fraction digits.
 *
 * <p>RFC 3339 section 5.6 {@code date-time}; Parley writes only the {@code Z} offset so that every
 * entry's time has one spelling, e.g. {@code 2026-11-23T08:33:06.093Z}. Parsing accepts any number
 * of fraction digits but still only {@code Z}.
 */
public final class EntryTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);
  private static final Pattern SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

  private EntryTime() {}

  /**
   * Formats an instant, truncated to milliseconds.
   *
   * @param t the instant (years 0000-9999)
   * @return for example {@code 2026-11-23T08:33:06.093Z}
   */
  public static String format(Instant t) {
    return FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Parses an RFC 3339 UTC time.
   *
   * @param s the text
   * @return the instant
   * @throws IllegalArgumentException if {@code s} is not of the form {@code
   *     YYYY-MM-DDTHH:MM:SS[.fraction]Z} or names an impossible date
   */
  public static Instant parse(String s) {
    if (!SHAPE.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "must be an RFC 3339 UTC time like 2026-01-31T23:59:59.000Z");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("is not a valid date-time: " + e.getParsedString(), e);
    }
  }
}
