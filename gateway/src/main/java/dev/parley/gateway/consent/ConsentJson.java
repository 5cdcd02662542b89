package dev.parley.gateway.consent;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentState;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.receipt.Receipt;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON answers of the consent API, built from the consent model; pure. Times are RFC 3339 in
 * UTC; statuses and purposes use their wire names.
 */
final class ConsentJson {
  private ConsentJson() {}

  /** {@code {"partners":[{"id","name"}],"purposes":[{"id","title","description","dpv",...}]}}. */
  static JsonObject catalog(List<Partner> partners) {
    JsonArray ps = new JsonArray();
    for (Partner p : partners) {
      ps.add(new JsonObject().put("id", p.id()).put("name", p.name()));
    }
    JsonArray purposes = new JsonArray();
    for (Purpose p : Purpose.all()) {
      purposes.add(
          new JsonObject()
              .put("id", p.wireName())
              .put("title", p.label())
              .put("description", description(p))
              .put("dpv", p.dpvIri())
              .put("tcfPurposes", new JsonArray(p.tcfPurposes().stream().sorted().toList())));
    }
    return new JsonObject().put("partners", ps).put("purposes", purposes);
  }

  /** What a person is told each purpose means, in the consent center. */
  static String description(Purpose p) {
    return switch (p) {
      case MEASUREMENT ->
          "The partner may count how its ads and content perform for people like you, such as"
              + " whether an ad was seen or an article read.";
      case AUDIENCE_INSIGHTS ->
          "The partner may combine data about you with other sources to produce statistics"
              + " about its audiences.";
      case BASIC_ADS ->
          "The partner may choose ads for you from limited data, such as the content you are"
              + " viewing, without building a profile of you.";
      case PERSONALISED_ADS ->
          "The partner may build a profile of your interests and use it to choose ads for you.";
      case PERSONALISED_CONTENT ->
          "The partner may build a profile of your interests and use it to choose content for"
              + " you.";
      case BASIC_CONTENT ->
          "The partner may choose content for you from limited data, without building a profile"
              + " of you.";
      case PRODUCT_IMPROVEMENT ->
          "The partner may use data about you to develop and improve its products.";
      case DIRECT_MARKETING ->
          "The partner may contact you directly with marketing, for example by email.";
    };
  }

  /** {@code {"states":[{"partner","purpose","status","since","expiresAt"?,"ledgerIndex"}]}}. */
  static JsonObject states(List<ConsentState> states) {
    JsonArray out = new JsonArray();
    for (ConsentState s : states) {
      JsonObject o =
          new JsonObject()
              .put("partner", s.partner())
              .put("purpose", s.purpose().wireName())
              .put("status", s.status().wireName())
              .put("since", s.since().toString());
      s.expires().ifPresent(e -> o.put("expiresAt", e.toString()));
      out.add(o.put("ledgerIndex", s.ledgerIndex()));
    }
    return new JsonObject().put("states", out);
  }

  /**
   * {@code {"records":[...]}}, newest first: one item per (record, purpose), since a record (such
   * as a TCF import) may decide several purposes at once.
   */
  static JsonObject history(List<ConsentRecord> oldestFirst) {
    List<ConsentRecord> records = new ArrayList<>(oldestFirst);
    records.sort(
        Comparator.comparingLong(ConsentRecord::ledgerIndex)
            .thenComparing(r -> r.decision().time())
            .reversed());
    JsonArray out = new JsonArray();
    for (ConsentRecord r : records) {
      historyItems(r).forEach(out::add);
    }
    return new JsonObject().put("records", out);
  }

  /**
   * The history items of one record, in taxonomy order: {@code {"recordId","partner","purpose",
   * "status","time","expiresAt"?,"source","policyVersion","ledgerIndex"}}.
   */
  static List<JsonObject> historyItems(ConsentRecord r) {
    ConsentDecision d = r.decision();
    List<JsonObject> out = new ArrayList<>();
    for (Purpose p : d.purposes()) {
      JsonObject o =
          new JsonObject()
              .put("recordId", d.recordId())
              .put("partner", d.partner())
              .put("purpose", p.wireName())
              .put("status", d.status().wireName())
              .put("time", d.time().toString());
      d.expires().ifPresent(e -> o.put("expiresAt", e.toString()));
      out.add(
          o.put("source", d.source().wireName())
              .put("policyVersion", d.policyVersion())
              .put("ledgerIndex", r.ledgerIndex()));
    }
    return out;
  }

  /** The ledger receipt in its {@code parley-receipt-v1} JSON form. */
  static JsonObject receipt(Receipt receipt) {
    return new JsonObject(Buffer.buffer(receipt.toJson().canonicalBytes()));
  }
}
