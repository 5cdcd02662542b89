package dev.parley.cleanroom.dataset;

/**
 * Thrown when an upload key is reused for a different upload (other content, dataset or schema): a
 * retry must send exactly the same bytes. Nothing was stored.
 */
public final class UploadKeyConflictException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which key, and what differs
   */
  public UploadKeyConflictException(String message) {
    super(message);
  }
}
