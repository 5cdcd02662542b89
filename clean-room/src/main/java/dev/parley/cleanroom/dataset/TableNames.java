package dev.parley.cleanroom.dataset;

import dev.parley.consent.partner.Partner;

/**
 * The engine table name of a dataset version: {@code ds_<partner>_<dataset>_v<version>} with an
 * injective escaping of the characters engine names cannot hold.
 *
 * <p>Engine names are {@code [a-z][a-z0-9_]*}; partner ids ({@code [a-z0-9][a-z0-9._-]{0,63}}) and
 * dataset names ({@code [a-z][a-z0-9_-]{0,62}}) may also hold {@code .} and {@code -}. Inside each
 * part, letters and digits stay, and {@code _}, {@code -}, {@code .} become {@code _0}, {@code _1},
 * {@code _2}; parts are joined by {@code _} followed by a letter (the dataset name's first
 * character, or the {@code v} of the version). Reading left to right, an underscore followed by a
 * digit is an escape and one followed by a letter is a separator, so the name decodes uniquely and
 * two different (partner, dataset, version) triples never share a table. For example {@code (acme,
 * sales, 3)} gives {@code ds_acme_sales_v3} and {@code (acme.eu, web-visits, 1)} gives {@code
 * ds_acme_2eu_web_1visits_v1}.
 */
final class TableNames {
  private TableNames() {}

  /**
   * Returns the table name of a dataset version.
   *
   * @param partnerId a valid partner id
   * @param dataset a valid dataset name
   * @param version the version, at least 1
   * @return the table name
   */
  static String versionTable(String partnerId, String dataset, long version) {
    Partner.requireId(partnerId, "partnerId");
    if (!DatasetSchema.NAME.matcher(dataset).matches()) {
      throw new IllegalArgumentException("dataset: must match [a-z][a-z0-9_-]{0,62}");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version: must be >= 1, got " + version);
    }
    return "ds_" + escape(partnerId) + "_" + escape(dataset) + "_v" + version;
  }

  private static String escape(String part) {
    StringBuilder out = new StringBuilder(part.length() + 8);
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      switch (c) {
        case '_' -> out.append("_0");
        case '-' -> out.append("_1");
        case '.' -> out.append("_2");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
