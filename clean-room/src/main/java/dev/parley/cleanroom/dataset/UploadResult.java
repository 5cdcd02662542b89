package dev.parley.cleanroom.dataset;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a successful upload.
 *
 * @param dataset the dataset name
 * @param version the new version (1, 2, ...), or the first upload's on an idempotent retry
 * @param rows the rows stored
 * @param rejected the invalid rows skipped (at most the upload's {@code maxRejected})
 * @param rejections the first (at most 100) rejections
 * @param digest the SHA-256 of the raw uploaded bytes as received (for a multi-part upload, of its
 *     parts' raw SHA-256 digests concatenated in part order), 64 lowercase hex digits
 * @param ledgerIndex the index of the version's {@code dataset.uploaded} ledger entry
 */
public record UploadResult(
    String dataset,
    long version,
    long rows,
    long rejected,
    List<RowRejection> rejections,
    String digest,
    long ledgerIndex) {
  /** Copies the rejections. */
  public UploadResult {
    Objects.requireNonNull(dataset, "dataset");
    rejections = List.copyOf(rejections);
    Objects.requireNonNull(digest, "digest");
  }
}
