package dev.parley.cleanroom.collab;

import dev.parley.consent.partner.Partner;
import dev.parley.ledger.jcs.StrictJson;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A member dataset as collaborations and requests name it: the owning partner and the dataset's
 * name. The version is never part of the key: queries always read the latest published version.
 *
 * @param partner the owning partner's id
 * @param dataset the dataset name, {@code [a-z][a-z0-9_-]{0,62}}
 */
public record DatasetKey(String partner, String dataset) implements Comparable<DatasetKey> {
  /** The syntax of dataset names. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  private static final Comparator<DatasetKey> ORDER =
      Comparator.comparing(DatasetKey::partner).thenComparing(DatasetKey::dataset);

  /**
   * Validates both parts.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public DatasetKey {
    Partner.requireId(partner, "partner");
    Objects.requireNonNull(dataset, "dataset");
    if (!NAME.matcher(dataset).matches()) {
      throw new IllegalArgumentException(
          "dataset: must match [a-z][a-z0-9_-]{0,62}, got " + StrictJson.quote(dataset));
    }
  }

  /**
   * Returns the key as people read it.
   *
   * @return {@code partner/dataset}
   */
  public String label() {
    return partner + "/" + dataset;
  }

  @Override
  public int compareTo(DatasetKey other) {
    return ORDER.compare(this, other);
  }
}
