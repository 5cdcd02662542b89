package dev.parley.gateway.config;

import java.util.Objects;

/**
 * A configured secret (a password): its {@link #toString()} is redacted, so it never reaches a log
 * line, an exception message or a printed configuration by accident.
 */
public final class SecretValue {
  private final String value;

  private SecretValue(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret.
   *
   * @param value the secret text, not empty
   * @return the wrapper
   * @throws IllegalArgumentException if it is empty
   */
  public static SecretValue of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new SecretValue(value);
  }

  /**
   * Returns the secret itself, for the one place that must hand it to a protocol client.
   *
   * @return the secret text
   */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
