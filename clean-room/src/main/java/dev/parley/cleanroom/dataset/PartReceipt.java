package dev.parley.cleanroom.dataset;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The acknowledgement of one stored part of a multi-part upload.
 *
 * @param part the part number, 1 to {@value MultipartUploads#MAX_PARTS}
 * @param firstRow the upload-wide 1-based row number of the part's first data row
 * @param rows the valid rows staged
 * @param rejected the invalid rows (counted against the upload's {@code maxRejected})
 * @param rejections the first (at most 100) rejections, with upload-wide row numbers
 * @param sha256 the SHA-256 of the part's bytes as received, 64 lowercase hex digits
 */
public record PartReceipt(
    int part,
    long firstRow,
    long rows,
    long rejected,
    List<RowRejection> rejections,
    String sha256) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates the fields and copies the list. */
  public PartReceipt {
    if (part < 1 || part > MultipartUploads.MAX_PARTS) {
      throw new IllegalArgumentException(
          "part: must be 1-" + MultipartUploads.MAX_PARTS + ", got " + part);
    }
    if (firstRow < 1 || rows < 0 || rejected < 0) {
      throw new IllegalArgumentException("firstRow must be >= 1, rows and rejected >= 0");
    }
    rejections = List.copyOf(rejections);
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256: must be 64 lowercase hex digits");
    }
    Objects.requireNonNull(rejections, "rejections");
  }

  /**
   * Returns the number of data rows the part held, valid or not.
   *
   * @return {@code rows + rejected}
   */
  public long dataRows() {
    return rows + rejected;
  }
}
