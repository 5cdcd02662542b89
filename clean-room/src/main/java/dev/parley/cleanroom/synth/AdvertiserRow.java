package dev.parley.cleanroom.synth;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the synthetic advertiser's CRM, without its identifier column.
 *
 * @param person the person id
 * @param ageBand the age band ({@link SyntheticPopulation#AGE_BANDS})
 * @param region the region ({@link SyntheticPopulation#REGIONS})
 * @param channel the main purchase channel ({@link SyntheticPopulation#CHANNELS})
 * @param orders orders placed, 1 to 13
 * @param purchaseAmount total spend in the currency unit, with at most two decimals
 * @param lastPurchase the date of the last purchase
 * @param ltvBand the lifetime-value band: {@code low}, {@code medium} or {@code high}
 * @param rfmSegment the recency-frequency-monetary segment ({@link
 *     SyntheticPopulation#RFM_SEGMENTS})
 */
public record AdvertiserRow(
    long person,
    String ageBand,
    String region,
    String channel,
    int orders,
    double purchaseAmount,
    LocalDate lastPurchase,
    String ltvBand,
    String rfmSegment) {
  /** Checks that no field is missing. */
  public AdvertiserRow {
    Objects.requireNonNull(ageBand, "ageBand");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(lastPurchase, "lastPurchase");
    Objects.requireNonNull(ltvBand, "ltvBand");
    Objects.requireNonNull(rfmSegment, "rfmSegment");
  }

  /**
   * Appends the row's non-identifier CSV fields, each preceded by a comma.
   *
   * @param line where to append
   */
  void appendFields(StringBuilder line) {
    line.append(',')
        .append(ageBand)
        .append(',')
        .append(region)
        .append(',')
        .append(channel)
        .append(',')
        .append(orders)
        .append(',')
        .append(purchaseAmount)
        .append(',')
        .append(lastPurchase)
        .append(',')
        .append(ltvBand)
        .append(',')
        .append(rfmSegment);
  }
}
