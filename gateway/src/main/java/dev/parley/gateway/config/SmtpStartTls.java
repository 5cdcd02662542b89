package dev.parley.gateway.config;

import java.util.Locale;

/** Whether the SMTP client upgrades its connection with STARTTLS (RFC 3207). */
public enum SmtpStartTls {
  /** Refuse to send unless the server offers STARTTLS and the upgrade succeeds (the default). */
  REQUIRED,
  /** Upgrade when the server offers STARTTLS, otherwise send in plain text. */
  OPTIONAL,
  /** Never upgrade; only sensible for a relay on the same host or a test server. */
  DISABLED;

  /**
   * Parses the configuration spelling ({@code required}, {@code optional}, {@code disabled}).
   *
   * @param text the configured value
   * @return the mode
   * @throws IllegalArgumentException naming the allowed values
   */
  public static SmtpStartTls parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "required" -> REQUIRED;
      case "optional" -> OPTIONAL;
      case "disabled" -> DISABLED;
      default ->
          throw new IllegalArgumentException(
              "must be one of required, optional, disabled, got '" + text + "'");
    };
  }

  /**
   * Returns the configuration spelling.
   *
   * @return the lower-case name
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
