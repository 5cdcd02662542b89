package dev.parley.cleanroom.identity;

import java.util.Objects;

/**
 * Thrown when an identifier or identifier hash is malformed; the message says exactly why.
 *
 * <p>Messages start with the kind ({@code "email: "}, {@code "phone: "}, {@code "email hash: "},
 * ...) and name positions and character classes only ("a digit at index 0"), never the input
 * itself, because identifiers are personal data.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {
  private final IdentifierKind kind;

  InvalidIdentifierException(IdentifierKind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns the kind of identifier that was rejected.
   *
   * @return the kind
   */
  public IdentifierKind kind() {
    return kind;
  }
}
