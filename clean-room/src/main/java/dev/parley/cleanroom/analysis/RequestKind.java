package dev.parley.cleanroom.analysis;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of analysis a member can request, with their wire names. */
public enum RequestKind {
  /** Matched subjects of two datasets and the match rate of the requester's. */
  OVERLAP("overlap"),
  /** Distribution of one dataset's dimensions among another's matched subjects. */
  SEGMENT_PROFILE("segmentProfile"),
  /** Sums and means of metrics, grouped by dimensions, over joined datasets. */
  METRIC_BREAKDOWN("metricBreakdown");

  private final String wireName;

  RequestKind(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name used in JSON.
   *
   * @return e.g. {@code segmentProfile}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Looks a kind up by wire name.
   *
   * @param name e.g. {@code overlap}
   * @return the kind, if known
   */
  public static Optional<RequestKind> byWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }
}
