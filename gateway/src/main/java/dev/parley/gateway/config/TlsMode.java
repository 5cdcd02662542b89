package dev.parley.gateway.config;

import java.util.Locale;

/** How the gateway decides whether to serve HTTPS. */
public enum TlsMode {
  /** TLS on every address except loopback, where plain HTTP is allowed for local development. */
  AUTO,
  /** Always serve HTTPS. */
  ON,
  /** Never serve HTTPS; only valid on a loopback address. */
  OFF;

  /**
   * Parses the configuration spelling ({@code auto}, {@code on}, {@code off}).
   *
   * @param text the configured value
   * @return the mode
   * @throws IllegalArgumentException naming the allowed values
   */
  public static TlsMode parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "on", "true" -> ON;
      case "off", "false" -> OFF;
      default ->
          throw new IllegalArgumentException("must be one of auto, on, off, got '" + text + "'");
    };
  }
}
