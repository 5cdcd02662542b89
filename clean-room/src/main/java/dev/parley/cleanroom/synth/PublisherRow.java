package dev.parley.cleanroom.synth;

import java.util.Objects;

/**
 * One row of the synthetic publisher's audience, without its identifier column.
 *
 * @param person the person id
 * @param ageBand the age band ({@link SyntheticPopulation#AGE_BANDS})
 * @param interest the main interest on the publisher's site ({@link SyntheticPopulation#INTERESTS})
 * @param device the main device ({@link SyntheticPopulation#DEVICES})
 * @param region the region ({@link SyntheticPopulation#REGIONS})
 * @param minutesPerWeek reading time, 5 to 604 minutes a week
 */
public record PublisherRow(
    long person,
    String ageBand,
    String interest,
    String device,
    String region,
    long minutesPerWeek) {
  /** Checks that no field is missing. */
  public PublisherRow {
    Objects.requireNonNull(ageBand, "ageBand");
    Objects.requireNonNull(interest, "interest");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(region, "region");
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
        .append(interest)
        .append(',')
        .append(device)
        .append(',')
        .append(region)
        .append(',')
        .append(minutesPerWeek);
  }
}
