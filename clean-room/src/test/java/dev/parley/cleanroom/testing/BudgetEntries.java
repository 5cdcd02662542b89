package dev.parley.cleanroom.testing;

import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.collab.RulesJson;
import dev.parley.cleanroom.dp.PrivacyJson;
import dev.parley.cleanroom.dp.PrivacyRelease;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Bodies of the ledger entries that a privacy-budget replay reads, built for tests: {@code
 * collaboration.created}, {@code query.released} and the release's {@code privacy} object.
 *
 * <p>Everything but the collaboration id, the dp rules and the privacy object is fixed: members
 * {@code acme} and {@code globex}, purpose {@code audience-insights}, one dataset {@code
 * acme/customers} with the dimension {@code region}; releases to partner {@code acme} with
 * placeholder request hash and output digest, consent size 1 and nothing suppressed. The bodies
 * carry no entry type or time: callers wrap them in a {@code LedgerEntry} or append them to a
 * {@code LedgerStore}.
 */
public final class BudgetEntries {
  private BudgetEntries() {}

  /**
   * Returns the body of a {@code collaboration.created} entry.
   *
   * @param collaboration the collaboration id
   * @param dp the differential-privacy rules, or empty for a collaboration without them
   * @return the body, with the rules and their hash
   */
  public static JsonObject created(String collaboration, Optional<DpRules> dp) {
    AnalysisRules.Builder b =
        AnalysisRules.builder()
            .dataset(new DatasetKey("acme", "customers"), d -> d.dimensions("region"));
    dp.ifPresent(b::dp);
    AnalysisRules rules = b.build();
    return JsonObject.builder()
        .put("collaboration", collaboration)
        .put("members", JsonArray.builder().add("acme").add("globex").build())
        .put("purpose", "audience-insights")
        .put("rules", RulesJson.toJson(rules))
        .put("rulesHash", rules.hash())
        .build();
  }

  /**
   * Returns the body of a {@code query.released} entry.
   *
   * @param collaboration the collaboration id
   * @param privacy the {@code privacy} object (well-formed or not), or empty to leave it out
   * @return the body
   */
  public static JsonObject released(String collaboration, Optional<JsonObject> privacy) {
    JsonObject.Builder body =
        JsonObject.builder()
            .put("collaboration", collaboration)
            .put("partner", "acme")
            .put("requestHash", "ab".repeat(32))
            .put("purpose", "audience-insights")
            .put("consentSize", 1)
            .put("outputDigest", "cd".repeat(32))
            .put("suppressed", 0);
    privacy.ifPresent(p -> body.put("privacy", p));
    return body.build();
  }

  /**
   * Returns the {@code privacy} object of a release that charges one query under {@code rules}.
   *
   * @param rules the rules whose mechanism, per-query charge, δ, budget and refresh it records
   * @param spentBefore ε the period had spent before this release
   * @param period the UTC month charged: present exactly for calendar-monthly refresh
   * @return the object, as {@link PrivacyJson#toJson} writes it
   * @throws IllegalArgumentException if {@link PrivacyRelease} refuses the combination
   */
  public static JsonObject privacy(
      DpRules rules, Rational spentBefore, Optional<YearMonth> period) {
    return PrivacyJson.toJson(
        new PrivacyRelease(
            rules.mechanism(),
            rules.perQuery(),
            rules.delta(),
            rules.budget(),
            spentBefore,
            rules.refresh(),
            period));
  }
}
