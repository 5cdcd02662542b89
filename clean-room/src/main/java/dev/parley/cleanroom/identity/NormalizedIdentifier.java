package dev.parley.cleanroom.identity;

import java.util.Objects;

/**
 * An email or phone number in UID2 normalized form, ready to hash.
 *
 * <p>The constructor re-checks the invariant (normalizing {@code value} must return it unchanged),
 * so an instance always holds a normalized value whichever way it was made. {@link #toString()}
 * does not print the value: it is personal data.
 *
 * @param kind the kind of identifier
 * @param value the normalized value
 */
public record NormalizedIdentifier(IdentifierKind kind, String value) {
  /**
   * Checks that {@code value} is already normalized.
   *
   * @throws InvalidIdentifierException if it is malformed or not in normalized form
   */
  public NormalizedIdentifier {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (!Normalizer.value(kind, value).equals(value)) {
      throw new InvalidIdentifierException(
          kind, kind.label() + ": not in normalized form; use Normalizer first");
    }
  }

  /**
   * Returns the hash UID2 and Parley's partners exchange: SHA-256 of the UTF-8 value.
   *
   * @return the identifier hash
   */
  public IdentifierHash hash() {
    return IdentifierHash.of(this);
  }

  /** Returns the kind only; the value is personal data. */
  @Override
  public String toString() {
    return "NormalizedIdentifier[kind=" + kind + ", value=(redacted)]";
  }
}
