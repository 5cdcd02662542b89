package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.identity.IdentifierKind;
import java.util.Optional;

/** What an identifier column of a dataset holds. */
public enum IdentifierType {
  /**
   * The SHA-256 of a normalized email address, as 64 hex digits (either case) or the 44-character
   * standard base64 form with padding (UID2 "Email address hash encoding").
   */
  EMAIL_SHA256(IdentifierKind.EMAIL),
  /** The SHA-256 of an E.164 phone number, encoded like {@link #EMAIL_SHA256}. */
  PHONE_SHA256(IdentifierKind.PHONE),
  /**
   * A 64-byte token the partner obtained through the blinded VOPRF path (RFC 9497 Finalize output),
   * as 86 characters of unpadded base64url (RFC 4648 §5).
   */
  TOKEN(null);

  private final IdentifierKind kind;

  IdentifierType(IdentifierKind kind) {
    this.kind = kind;
  }

  /**
   * Returns the identifier kind that was hashed, for the hash types.
   *
   * @return the kind, or empty for {@link #TOKEN}
   */
  public Optional<IdentifierKind> hashedKind() {
    return Optional.ofNullable(kind);
  }
}
