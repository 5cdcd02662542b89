package dev.parley.ledger.note;

/**
 * A signature by a known key (matching name and key ID) that does not verify.
 *
 * <p>C2SP signed-note: "If a signature from a known key fails to verify, clients SHOULD reject the
 * whole note." Parley does, even if another known key's signature verifies.
 */
public final class InvalidSignatureException extends NoteException {
  private final int line;
  private final String keyName;
  private final KeyId keyId;

  /**
   * Creates the exception.
   *
   * @param line the 1-based line of the signature
   * @param keyName the key name
   * @param keyId the key ID
   */
  public InvalidSignatureException(int line, String keyName, KeyId keyId) {
    super(
        "invalid signature: line "
            + line
            + ": the signature by known key "
            + keyName
            + "+"
            + keyId
            + " does not verify (the text or the signature was altered)");
    this.line = line;
    this.keyName = keyName;
    this.keyId = keyId;
  }

  /**
   * Returns the line of the signature.
   *
   * @return the 1-based line number
   */
  public int line() {
    return line;
  }

  /**
   * Returns the key name.
   *
   * @return the name
   */
  public String keyName() {
    return keyName;
  }

  /**
   * Returns the key ID.
   *
   * @return the ID
   */
  public KeyId keyId() {
    return keyId;
  }
}
