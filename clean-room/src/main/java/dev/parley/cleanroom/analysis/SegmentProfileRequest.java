package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.engine.EngineNames;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The distribution of one partner's dimensions among another partner's matched subjects: group by
 * {@code dimensions} of {@code profile}, count distinct subjects per group, and optionally
 * aggregate metrics of either dataset.
 *
 * @param profile the dataset whose dimensions describe the subjects
 * @param dimensions the dimensions of {@code profile} to group by, 1-8, distinct
 * @param among the dataset whose subjects are profiled (another partner's)
 * @param metrics optional SUM/AVG aggregates of metrics of either dataset, 0-16, distinct
 */
public record SegmentProfileRequest(
    DatasetKey profile, List<String> dimensions, DatasetKey among, List<MetricSelector> metrics)
    implements AnalysisRequest {
  /** Validates the structure. */
  public SegmentProfileRequest {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(among, "among");
    if (profile.partner().equals(among.partner())) {
      throw new InvalidRequestException(
          "among", "must be a dataset of another partner than profile's");
    }
    dimensions =
        RequestChecks.sized(dimensions, "profile.dimensions", 1, RequestChecks.MAX_GROUP_COLUMNS);
    for (int i = 0; i < dimensions.size(); i++) {
      try {
        EngineNames.requireColumn("column", dimensions.get(i));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("profile.dimensions[" + i + "]", e.getMessage(), e);
      }
    }
    RequestChecks.distinct(dimensions, "profile.dimensions");
    metrics = RequestChecks.sized(metrics, "metrics", 0, RequestChecks.MAX_METRICS);
    RequestChecks.distinct(metrics, "metrics");
    for (int i = 0; i < metrics.size(); i++) {
      RequestChecks.within(
          metrics.get(i).column().dataset(), Set.of(profile, among), "metrics[" + i + "]");
    }
  }

  @Override
  public RequestKind kind() {
    return RequestKind.SEGMENT_PROFILE;
  }

  @Override
  public List<DatasetKey> datasets() {
    return List.of(profile, among);
  }
}
