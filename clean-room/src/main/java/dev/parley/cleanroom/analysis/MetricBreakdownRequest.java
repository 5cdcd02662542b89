package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import java.util.List;
import java.util.Set;

/**
 * Sums and means of metrics over joined member datasets, grouped by dimensions of any of them;
 * every value is clamped to its metric's declared bounds before aggregation.
 *
 * @param datasets the joined datasets, 2-8, distinct, of at least two partners
 * @param groupBy the grouping dimensions, 0-8, distinct (none: one overall row)
 * @param metrics the aggregates, 1-16, distinct
 */
public record MetricBreakdownRequest(
    List<DatasetKey> datasets, List<ColumnSelector> groupBy, List<MetricSelector> metrics)
    implements AnalysisRequest {
  /** Validates the structure. */
  public MetricBreakdownRequest {
    datasets = RequestChecks.sized(datasets, "datasets", 2, RequestChecks.MAX_DATASETS);
    RequestChecks.distinct(datasets, "datasets");
    RequestChecks.distinctPartners(datasets, "datasets");
    Set<DatasetKey> joined = Set.copyOf(datasets);
    groupBy = RequestChecks.sized(groupBy, "groupBy", 0, RequestChecks.MAX_GROUP_COLUMNS);
    RequestChecks.distinct(groupBy, "groupBy");
    for (int i = 0; i < groupBy.size(); i++) {
      RequestChecks.within(groupBy.get(i).dataset(), joined, "groupBy[" + i + "]");
    }
    metrics = RequestChecks.sized(metrics, "metrics", 1, RequestChecks.MAX_METRICS);
    RequestChecks.distinct(metrics, "metrics");
    for (int i = 0; i < metrics.size(); i++) {
      RequestChecks.within(metrics.get(i).column().dataset(), joined, "metrics[" + i + "]");
    }
  }

  @Override
  public RequestKind kind() {
    return RequestKind.METRIC_BREAKDOWN;
  }
}
