package dev.parley.cleanroom.dataset;

import java.util.NoSuchElementException;

/**
 * Thrown when a partner names a multi-part upload that does not exist for it (also when it exists
 * for another partner: the two are indistinguishable to the caller).
 */
public final class UploadNotFoundException extends NoSuchElementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param uploadId the upload id asked for (echoed only if it has the id syntax)
   */
  public UploadNotFoundException(String uploadId) {
    super(
        uploadId != null && UploadSession.ID.matcher(uploadId).matches()
            ? "no upload '" + uploadId + "'"
            : "no upload with that id (an id is 32 lowercase hex digits)");
  }
}
