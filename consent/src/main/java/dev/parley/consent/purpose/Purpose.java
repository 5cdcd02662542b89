package dev.parley.consent.purpose;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parley's fixed purpose taxonomy: what a partner may use a subject's data for, each mapped to a
 * W3C DPV 2.x purpose and to the IAB TCF v2.2 purposes it covers.
 *
 * <p>DPV IRIs are in the namespace {@code https://w3id.org/dpv#} and were checked against the
 * published DPV 2.1 purpose module ({@code 2.1/dpv/modules/purposes.csv}). TCF ids are the v2.2
 * purpose ids of the IAB Europe Transparency and Consent Framework policies (Appendix A). TCF
 * purpose 1 ("Store and/or access information on a device") is deliberately not used: Parley never
 * reads or writes a device, so that signal carries no permission here (see {@link TcfPurposes}).
 *
 * <p>When a Parley purpose covers several TCF purposes, a TC string grants it only if every one of
 * them has consent (the conservative reading).
 */
public enum Purpose {
  /** Measuring advertising and content performance. */
  MEASUREMENT(
      0,
      "measurement",
      "ServiceUsageAnalytics",
      Set.of(7, 8),
      "Measure advertising and content performance"),
  /** Understanding audiences through statistics or combinations of data from different sources. */
  AUDIENCE_INSIGHTS(
      1,
      "audience-insights",
      "CommercialResearch",
      Set.of(9),
      "Understand audiences through statistics or combined data"),
  /** Selecting advertising with limited data (no profile). */
  BASIC_ADS(2, "basic-ads", "Advertising", Set.of(2), "Use limited data to select advertising"),
  /** Creating and using profiles for personalised advertising. */
  PERSONALISED_ADS(
      3,
      "personalised-ads",
      "PersonalisedAdvertising",
      Set.of(3, 4),
      "Create and use profiles for personalised advertising"),
  /** Creating and using profiles for personalised content. */
  PERSONALISED_CONTENT(
      4,
      "personalised-content",
      "ServicePersonalisation",
      Set.of(5, 6),
      "Create and use profiles for personalised content"),
  /** Selecting content with limited data (no profile). */
  BASIC_CONTENT(
      5, "basic-content", "ServiceProvision", Set.of(11), "Use limited data to select content"),
  /** Developing and improving products. */
  PRODUCT_IMPROVEMENT(
      6,
      "product-improvement",
      "ImproveExistingProductsAndServices",
      Set.of(10),
      "Develop and improve products"),
  /** Direct marketing to the subject (outside TCF's scope, so no TCF purpose maps to it). */
  DIRECT_MARKETING(
      7, "direct-marketing", "DirectMarketing", Set.of(), "Market directly to the person");

  /** The DPV namespace. */
  public static final String DPV = "https://w3id.org/dpv#";

  private static final List<Purpose> ALL = List.of(values());

  private final int bitIndex;
  private final String wireName;
  private final String dpvIri;

  @SuppressWarnings("ImmutableEnumChecker") // always a Set.of(...), which is immutable
  private final Set<Integer> tcfPurposes;

  private final String label;

  Purpose(
      int bitIndex, String wireName, String dpvLocalName, Set<Integer> tcfPurposes, String label) {
    this.bitIndex = bitIndex;
    this.wireName = wireName;
    this.dpvIri = DPV + dpvLocalName;
    this.tcfPurposes = tcfPurposes;
    this.label = label;
  }

  /**
   * Returns the name used in APIs and ledger entries, e.g. {@code personalised-ads}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the DPV purpose IRI, e.g. {@code https://w3id.org/dpv#PersonalisedAdvertising}.
   *
   * @return the IRI
   */
  public String dpvIri() {
    return dpvIri;
  }

  /**
   * Returns the IAB TCF v2.2 purpose ids this purpose covers (empty if none).
   *
   * @return ids from 2 to 11
   */
  public Set<Integer> tcfPurposes() {
    return tcfPurposes;
  }

  /**
   * Returns a short English description for people.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns the bit of this purpose in a purpose mask (at most 16 purposes).
   *
   * @return a single bit, distinct per purpose
   */
  public int bit() {
    return 1 << bitIndex;
  }

  /**
   * Returns every purpose, in taxonomy order.
   *
   * @return the purposes
   */
  public static List<Purpose> all() {
    return ALL;
  }

  /**
   * Looks a purpose up by wire name.
   *
   * @param name e.g. {@code measurement}
   * @return the purpose, if it is in the taxonomy
   */
  public static Optional<Purpose> byWireName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }

  /**
   * Looks a purpose up by wire name, failing precisely.
   *
   * @param name the wire name
   * @param where what to name in the error, e.g. {@code purposes[2]}
   * @return the purpose
   * @throws IllegalArgumentException naming {@code where} and the allowed names
   */
  public static Purpose parse(String name, String where) {
    return byWireName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    where
                        + ": unknown purpose '"
                        + name
                        + "'; expected one of "
                        + ALL.stream().map(Purpose::wireName).toList()));
  }

  /**
   * Looks a purpose up by its DPV IRI.
   *
   * @param iri a DPV purpose IRI
   * @return the purpose, if one maps to it
   */
  public static Optional<Purpose> byDpvIri(String iri) {
    return Arrays.stream(values()).filter(p -> p.dpvIri.equals(iri)).findFirst();
  }
}
