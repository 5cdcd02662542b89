package dev.parley.cleanroom.dataset;

import java.util.List;

/**
 * Thrown when an upload is refused for its content: a bad header, malformed CSV, or more rejected
 * rows than {@code maxRejected} allows. Nothing of the upload was stored.
 */
public final class DatasetUploadException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The most rejections an exception or result lists. */
  public static final int MAX_LISTED = 100;

  @SuppressWarnings("serial") // an immutable List.copyOf list
  private final List<RowRejection> rejections;

  private final long totalRejected;

  private final String summary;

  /**
   * Creates the exception.
   *
   * @param summary what failed, e.g. {@code "3 rows rejected, more than maxRejected 0"}
   * @param rejections the first (at most {@value #MAX_LISTED}) rejections
   * @param totalRejected how many rows (or header columns) were rejected in all
   */
  public DatasetUploadException(String summary, List<RowRejection> rejections, long totalRejected) {
    super(summary + (rejections.isEmpty() ? "" : "; first: " + rejections.getFirst()));
    this.rejections = List.copyOf(rejections.subList(0, Math.min(MAX_LISTED, rejections.size())));
    this.totalRejected = totalRejected;
    this.summary = summary;
  }

  /**
   * Returns what failed, without the first rejection.
   *
   * @return the summary given to the constructor
   */
  public String summary() {
    return summary;
  }

  /**
   * Returns the first rejections, in input order.
   *
   * @return at most {@value #MAX_LISTED} rejections
   */
  public List<RowRejection> rejections() {
    return rejections;
  }

  /**
   * Returns how many rows (or header columns) were rejected in all.
   *
   * @return the total
   */
  public long totalRejected() {
    return totalRejected;
  }
}
