package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.Sha256;
import java.util.List;

/**
 * A structured analysis request: never SQL, only the names of member datasets, their columns and
 * the aggregates wanted. Parse one with {@link RequestJson#parse}; plan it with {@link
 * QueryPlanner}.
 */
public sealed interface AnalysisRequest
    permits OverlapRequest, SegmentProfileRequest, MetricBreakdownRequest {
  /**
   * Returns the kind of analysis.
   *
   * @return the kind
   */
  RequestKind kind();

  /**
   * Returns the datasets joined, in plan input order.
   *
   * @return two or more distinct datasets
   */
  List<DatasetKey> datasets();

  /**
   * Returns the request hash: SHA-256 of the request's canonical JSON (RFC 8785) in lowercase hex.
   *
   * @return 64 hex characters
   */
  default String hash() {
    return Sha256.hex(RequestJson.toJson(this).canonicalBytes());
  }
}
