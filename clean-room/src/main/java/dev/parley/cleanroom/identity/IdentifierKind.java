package dev.parley.cleanroom.identity;

/** The kinds of directly identifying information UID2 supports. */
public enum IdentifierKind {
  /** An email address. */
  EMAIL("email"),
  /** A phone number in E.164 form. */
  PHONE("phone");

  private final String label;

  IdentifierKind(String label) {
    this.label = label;
  }

  /**
   * Returns the lowercase name used in messages.
   *
   * @return {@code "email"} or {@code "phone"}
   */
  public String label() {
    return label;
  }
}
