package dev.parley.cleanroom.dataset;

import java.util.NoSuchElementException;

/**
 * Thrown when a partner names a multi-part upload that does not exist for it (also when it exists
 * for another partner: the two are indistinguishable to the caller), or that was abandoned.
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

  /**
   * Creates the exception for an upload that existed but was abandoned.
   *
   * @param uploadId the upload id (has the id syntax)
   * @param what what happened to it, e.g. {@code aborted at 2026-11-23T10:00:00Z}
   */
  public UploadNotFoundException(String uploadId, String what) {
    super("upload '" + uploadId + "' is gone: it was " + what);
  }
}
