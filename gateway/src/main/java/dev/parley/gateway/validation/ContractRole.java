package dev.parley.gateway.validation;

import java.util.Locale;

/**
 * A value of an operation's {@code x-parley-roles} list in {@code openapi.yaml}: who may call it.
 */
public enum ContractRole {
  /** Anyone, without credentials. */
  PUBLIC,
  /** A consent-center session (a person, bound to one subject). */
  CONSUMER,
  /** A partner API key. */
  PARTNER,
  /** An auditor API key. */
  AUDITOR;

  /**
   * Parses one {@code x-parley-roles} value.
   *
   * @param text the value as written in the contract
   * @return the role
   * @throws IllegalArgumentException naming the value if it is not one of the four
   */
  public static ContractRole parse(String text) {
    for (ContractRole r : values()) {
      if (r.name().toLowerCase(Locale.ROOT).equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "x-parley-roles: unknown role '" + text + "'; expected public, consumer, partner, auditor");
  }

  /**
   * Returns the value as written in the contract.
   *
   * @return the lower-case name
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
