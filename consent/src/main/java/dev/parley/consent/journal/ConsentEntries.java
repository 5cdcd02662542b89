package dev.parley.consent.journal;

import dev.parley.ledger.entry.EntryTime;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;

/**
 * Builds ledger entry bodies for consent events, exactly in the schemas that {@code
 * dev.parley.ledger.entry.EntryType} registers for {@code consent.changed}, {@code subject.erased}
 * and {@code ledger.note}.
 */
public final class ConsentEntries {
  private ConsentEntries() {}

  /**
   * The body of a {@code consent.changed} entry: {@code subject} (the commitment), {@code partner},
   * {@code purposes}, {@code status}, {@code policyVersion}, {@code source}, {@code recordId} and,
   * for an expiring grant, {@code expires}.
   *
   * @param c the change
   * @return the body
   */
  public static JsonObject changed(ConsentChange c) {
    JsonArray.Builder purposes = JsonArray.builder();
    c.purposes().forEach(purposes::add);
    JsonObject.Builder b =
        JsonObject.builder()
            .put("subject", c.subjectCommitment())
            .put("partner", c.partner())
            .put("purposes", purposes.build())
            .put("status", c.status())
            .put("policyVersion", c.policyVersion())
            .put("source", c.source())
            .put("recordId", c.recordId());
    c.expires().ifPresent(e -> b.put("expires", EntryTime.format(e)));
    return b.build();
  }

  /**
   * The body of a {@code subject.erased} entry.
   *
   * @param commitment the subject's commitment
   * @return the body
   */
  public static JsonObject erased(String commitment) {
    return JsonObject.builder().put("subject", commitment).build();
  }

  /**
   * The body of a {@code ledger.note} entry summarizing a bulk batch.
   *
   * @param summary the summary line
   * @return the body
   */
  public static JsonObject batch(String summary) {
    return JsonObject.builder().put("text", summary).build();
  }
}
