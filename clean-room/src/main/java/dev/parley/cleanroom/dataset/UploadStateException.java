package dev.parley.cleanroom.dataset;

/**
 * Thrown when a multi-part upload request conflicts with the upload's state: a part re-sent with
 * different bytes, a part sent after completion, a missing part or a row-number gap at completion,
 * or an upload key already used for something else. Nothing was changed.
 */
public final class UploadStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what conflicts, naming the part or field
   */
  public UploadStateException(String message) {
    super(message);
  }
}
