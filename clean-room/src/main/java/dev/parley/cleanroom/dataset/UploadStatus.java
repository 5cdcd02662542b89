package dev.parley.cleanroom.dataset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a multi-part upload stands.
 *
 * @param session the upload
 * @param parts the acknowledged parts, by part number
 * @param result the published version, once {@link MultipartUploads#complete} succeeded
 */
public record UploadStatus(
    UploadSession session, List<PartReceipt> parts, Optional<UploadResult> result) {
  /** Copies the list. */
  public UploadStatus {
    Objects.requireNonNull(session, "session");
    parts = List.copyOf(parts);
    Objects.requireNonNull(result, "result");
  }

  /**
   * Returns whether the upload was completed.
   *
   * @return true once a version was published
   */
  public boolean completed() {
    return result.isPresent();
  }

  /**
   * Returns the invalid rows of all acknowledged parts.
   *
   * @return the sum of their {@code rejected}
   */
  public long rejected() {
    return parts.stream().mapToLong(PartReceipt::rejected).sum();
  }
}
