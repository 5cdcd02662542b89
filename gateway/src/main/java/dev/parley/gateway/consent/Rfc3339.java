package dev.parley.gateway.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses RFC 3339 {@code date-time} values (section 5.6); pure.
 *
 * <p>RFC 3339 section 5.6: {@code date-time = full-date "T" full-time}, {@code full-time =
 * partial-time time-offset}, {@code partial-time = time-hour ":" time-minute ":" time-second
 * [time-secfrac]}, {@code time-offset = "Z" / time-numoffset}. Seconds and the offset are required;
 * "T" and "Z" may be lower case (section 5.6, NOTE). Leap seconds ({@code :60}) are rejected,
 * because {@link Instant} cannot represent them.
 */
final class Rfc3339 {
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  private Rfc3339() {}

  /**
   * Parses a date-time.
   *
   * @param text the value
   * @param where the field to name in errors
   * @return the instant
   * @throws IllegalArgumentException naming {@code where} if it is not an RFC 3339 date-time
   */
  static Instant parse(String text, String where) {
    String bad = where + ": must be an RFC 3339 date-time such as 2027-01-31T23:59:59Z";
    if (!DATE_TIME.matcher(text).matches()) {
      throw new IllegalArgumentException(bad);
    }
    try {
      return OffsetDateTime.parse(
              text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(bad + " (a field is out of range)", e);
    }
  }
}
