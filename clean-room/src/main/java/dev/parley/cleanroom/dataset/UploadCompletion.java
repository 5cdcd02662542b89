package dev.parley.cleanroom.dataset;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What completing a multi-part upload publishes, worked out from its acknowledged parts without
 * I/O: the checks that the parts are numbered 1..n with contiguous row numbers and rejected at most
 * {@code maxRejected} rows in all, and the version's totals, listed rejections and digest.
 */
final class UploadCompletion {
  private UploadCompletion() {}

  /**
   * Checks an upload's acknowledged parts and totals them.
   *
   * @param parts the acknowledged parts, in part order
   * @param maxRejected how many invalid rows all parts together may have
   * @return the valid rows, the rejected rows, the first {@value DatasetUploadException#MAX_LISTED}
   *     rejections by row, and the digest of the parts' digests (hex)
   * @throws UploadStateException if no part was sent, a part is missing or the row numbers of two
   *     consecutive parts do not join up
   * @throws DatasetUploadException if more rows were rejected than {@code maxRejected}
   */
  static DatasetService.Loaded totals(List<SessionRecords.StagedReceipt> parts, long maxRejected) {
    checkContiguous(parts);
    long rejected = parts.stream().mapToLong(p -> p.receipt().rejected()).sum();
    List<RowRejection> rejections = new ArrayList<>();
    for (SessionRecords.StagedReceipt p : parts) {
      rejections.addAll(p.receipt().rejections());
    }
    rejections.sort(Comparator.comparingLong(RowRejection::row));
    if (rejected > maxRejected) {
      throw new DatasetUploadException(
          rejected + " rows rejected, more than maxRejected " + maxRejected, rejections, rejected);
    }
    List<byte[]> digests = new ArrayList<>();
    parts.forEach(p -> digests.add(HexFormat.of().parseHex(p.receipt().sha256())));
    String digest = HexFormat.of().formatHex(digestOfParts(digests));
    long rows = parts.stream().mapToLong(p -> p.receipt().rows()).sum();
    List<RowRejection> listed =
        rejections.subList(0, Math.min(DatasetUploadException.MAX_LISTED, rejections.size()));
    return new DatasetService.Loaded(rows, rejected, listed, digest);
  }

  private static void checkContiguous(List<SessionRecords.StagedReceipt> parts) {
    if (parts.isEmpty()) {
      throw new UploadStateException("no part was sent; send part 1 first");
    }
    long nextRow = 1;
    for (int i = 0; i < parts.size(); i++) {
      PartReceipt p = parts.get(i).receipt();
      if (p.part() != i + 1) {
        throw new UploadStateException(
            "part " + (i + 1) + " is missing (parts must be numbered 1, 2, 3, ...)");
      }
      if (p.firstRow() != nextRow) {
        throw new UploadStateException(
            "part "
                + p.part()
                + " starts at row "
                + p.firstRow()
                + " but the parts before it end at row "
                + (nextRow - 1));
      }
      nextRow += p.dataRows();
    }
  }

  /** SHA-256 over the 32-byte part digests concatenated in part order; see MultipartUploads. */
  static byte[] digestOfParts(List<byte[]> partDigests) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    for (int i = 0; i < partDigests.size(); i++) {
      if (partDigests.get(i).length != 32) {
        throw new IllegalArgumentException("partDigests[" + i + "]: must be 32 bytes");
      }
      md.update(partDigests.get(i));
    }
    return md.digest();
  }
}
