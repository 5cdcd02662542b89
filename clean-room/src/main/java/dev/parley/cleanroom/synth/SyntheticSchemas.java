package dev.parley.cleanroom.synth;

import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.dataset.DimensionColumn;
import dev.parley.cleanroom.dataset.IdentifierType;
import dev.parley.cleanroom.dataset.MetricType;
import dev.parley.cleanroom.synth.SyntheticPopulation.IdentifierFormat;

/**
 * The dataset schemas of the synthetic population's two CSV files and the analysis rules of a
 * collaboration between their owners, shared by the demo and the clean-room benchmark.
 *
 * <p>Dimensions are restricted to the values the generator produces, so an upload rejects anything
 * else. The rules allow every dimension, and SUM/AVG of the numeric metrics clamped to bounds that
 * hold every generated value: {@code orders} to [0, 20] (the generator's maximum is 13), {@code
 * purchase_amount} to [0, 2500] (at most 13 x 157.99 = 2053.87) and {@code minutes_per_week} to [0,
 * 605] (at most 604), so no generated value is clamped and sums stay exact. {@code last_purchase}
 * is a date: stored, but neither grouped nor aggregated.
 */
public final class SyntheticSchemas {
  /** The identifier column of both files when hashed ({@link IdentifierFormat#SHA256_HEX}). */
  public static final String ID_COLUMN = "email_sha256";

  private SyntheticSchemas() {}

  /**
   * Returns the schema of the advertiser's CRM written with hashed identifiers.
   *
   * @param dataset the dataset name
   * @return identifier {@code email_sha256} (EMAIL_SHA256); dimensions age_band, region, channel,
   *     ltv_band, rfm_segment; metrics orders (INTEGER), purchase_amount (DECIMAL), last_purchase
   *     (DATE)
   */
  public static DatasetSchema advertiser(String dataset) {
    return DatasetSchema.builder(dataset)
        .identifier(ID_COLUMN, IdentifierType.EMAIL_SHA256)
        .dimension(DimensionColumn.of("age_band", SyntheticPopulation.AGE_BANDS))
        .dimension(DimensionColumn.of("region", SyntheticPopulation.REGIONS))
        .dimension(DimensionColumn.of("channel", SyntheticPopulation.CHANNELS))
        .dimension(DimensionColumn.of("ltv_band", SyntheticPopulation.LTV_BANDS))
        .dimension(DimensionColumn.of("rfm_segment", SyntheticPopulation.RFM_SEGMENTS))
        .metric("orders", MetricType.INTEGER)
        .metric("purchase_amount", MetricType.DECIMAL)
        .metric("last_purchase", MetricType.DATE)
        .build();
  }

  /**
   * Returns the schema of the publisher's audience written with hashed identifiers.
   *
   * @param dataset the dataset name
   * @return identifier {@code email_sha256} (EMAIL_SHA256); dimensions age_band, interest, device,
   *     region; metric minutes_per_week (INTEGER)
   */
  public static DatasetSchema publisher(String dataset) {
    return DatasetSchema.builder(dataset)
        .identifier(ID_COLUMN, IdentifierType.EMAIL_SHA256)
        .dimension(DimensionColumn.of("age_band", SyntheticPopulation.AGE_BANDS))
        .dimension(DimensionColumn.of("interest", SyntheticPopulation.INTERESTS))
        .dimension(DimensionColumn.of("device", SyntheticPopulation.DEVICES))
        .dimension(DimensionColumn.of("region", SyntheticPopulation.REGIONS))
        .metric("minutes_per_week", MetricType.INTEGER)
        .build();
  }

  /**
   * Returns the analysis rules of a collaboration over the two datasets.
   *
   * @param advertiser the advertiser's CRM dataset
   * @param publisher the publisher's audience dataset
   * @param k the minimum number of distinct subjects per released row
   * @return the rules (SUM and AVG allowed, no differential privacy)
   */
  public static AnalysisRules rules(DatasetKey advertiser, DatasetKey publisher, int k) {
    return AnalysisRules.builder()
        .dataset(
            advertiser,
            d ->
                d.dimensions("age_band", "region", "channel", "ltv_band", "rfm_segment")
                    .metric("orders", 0, 20)
                    .metric("purchase_amount", 0, 2500))
        .dataset(
            publisher,
            d ->
                d.dimensions("age_band", "interest", "device", "region")
                    .metric("minutes_per_week", 0, 605))
        .allow(AggregateFunction.SUM, AggregateFunction.AVG)
        .minAggregationThreshold(k)
        .build();
  }
}
