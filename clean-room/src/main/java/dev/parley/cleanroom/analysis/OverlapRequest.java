package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import java.util.List;

/**
 * How many subjects two member datasets have in common (with consent), and what share of the
 * requester's consented subjects that is. The requester must own one of the two datasets.
 *
 * @param datasets the two datasets, of two different partners
 */
public record OverlapRequest(List<DatasetKey> datasets) implements AnalysisRequest {
  /** Validates the structure. */
  public OverlapRequest {
    datasets = RequestChecks.sized(datasets, "datasets", 2, 2);
    RequestChecks.distinctPartners(datasets, "datasets");
  }

  @Override
  public RequestKind kind() {
    return RequestKind.OVERLAP;
  }
}
