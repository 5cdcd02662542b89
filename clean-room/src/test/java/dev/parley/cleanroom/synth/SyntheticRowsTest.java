package dev.parley.cleanroom.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.DatasetRules;
import dev.parley.cleanroom.collab.MetricRule;
import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.dataset.DimensionColumn;
import dev.parley.cleanroom.synth.SyntheticPopulation.IdentifierFormat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Structured rows, the CSV streams built from them, membership, and the shared schemas. */
class SyntheticRowsTest {
  private static final SyntheticPopulation POP =
      new SyntheticPopulation(new SyntheticPopulation.Params(42, 300, 200, 500, 90));
  private static final DatasetKey CRM = new DatasetKey("acme", "crm");
  private static final DatasetKey AUDIENCE = new DatasetKey("globex", "audience");

  @Test
  void advertiserCsv_rowsAreTheStructuredRows() throws Exception {
    List<String> lines =
        new String(
                POP.advertiserCsv(IdentifierFormat.SHA256_HEX).readAllBytes(),
                StandardCharsets.UTF_8)
            .lines()
            .toList();
    assertEquals(
        "email_sha256," + String.join(",", SyntheticPopulation.ADVERTISER_COLUMNS), lines.get(0));
    for (long p = 0; p < POP.advertiserCount(); p++) {
      AdvertiserRow r = POP.advertiserRow(p);
      String expected =
          String.join(
              ",",
              HexFormat.of().formatHex(POP.emailHash(p)),
              r.ageBand(),
              r.region(),
              r.channel(),
              Integer.toString(r.orders()),
              Double.toString(r.purchaseAmount()),
              r.lastPurchase().toString(),
              r.ltvBand(),
              r.rfmSegment());
      assertEquals(expected, lines.get((int) p + 1));
    }
  }

  @Test
  void publisherCsv_rowsAreTheStructuredRowsOfPublisherPeople() throws Exception {
    List<String> lines =
        new String(
                POP.publisherCsv(IdentifierFormat.RAW_EMAIL).readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .toList();
    assertEquals("email," + String.join(",", SyntheticPopulation.PUBLISHER_COLUMNS), lines.get(0));
    assertEquals(1 + POP.publisherCount(), lines.size());
    for (long row = 0; row < POP.publisherCount(); row++) {
      PublisherRow r = POP.publisherRow(row);
      assertEquals(POP.publisherPerson(row), r.person());
      assertEquals(POP.interest(r.person()), r.interest());
      assertEquals(
          String.join(
              ",",
              POP.rawEmail(r.person()),
              r.ageBand(),
              r.interest(),
              r.device(),
              r.region(),
              Long.toString(r.minutesPerWeek())),
          lines.get((int) row + 1));
    }
  }

  @Test
  void membership_partitionsThePopulation() {
    assertEquals(1000, POP.personCount());
    long both = 0;
    long adv = 0;
    long pub = 0;
    for (long p = -1; p <= POP.personCount(); p++) {
      boolean a = POP.inAdvertiser(p);
      boolean b = POP.inPublisher(p);
      adv += a ? 1 : 0;
      pub += b ? 1 : 0;
      both += a && b ? 1 : 0;
      if (p < 0 || p == POP.personCount()) {
        assertTrue(!a && !b, "person " + p + " is in neither");
      }
    }
    assertEquals(POP.advertiserCount(), adv);
    assertEquals(POP.publisherCount(), pub);
    assertEquals(300, both);
  }

  @Test
  void schemasAndRules_holdEveryGeneratedValueUnclamped() {
    SyntheticPopulation big =
        new SyntheticPopulation(new SyntheticPopulation.Params(7, 100_000, 0, 0, 90));
    AnalysisRules rules = SyntheticSchemas.rules(CRM, AUDIENCE, 50);
    DatasetRules crm = rules.dataset(CRM).orElseThrow();
    DatasetRules audience = rules.dataset(AUDIENCE).orElseThrow();
    DatasetSchema crmSchema = SyntheticSchemas.advertiser("crm");
    DatasetSchema audienceSchema = SyntheticSchemas.publisher("audience");
    for (long p = 0; p < big.advertiserCount(); p++) {
      AdvertiserRow r = big.advertiserRow(p);
      within(crm.metric("orders").orElseThrow(), r.orders());
      within(crm.metric("purchase_amount").orElseThrow(), r.purchaseAmount());
      allowed(crmSchema, "age_band", r.ageBand());
      allowed(crmSchema, "region", r.region());
      allowed(crmSchema, "channel", r.channel());
      allowed(crmSchema, "ltv_band", r.ltvBand());
      allowed(crmSchema, "rfm_segment", r.rfmSegment());
      PublisherRow q = big.publisherRow(p);
      within(audience.metric("minutes_per_week").orElseThrow(), (double) q.minutesPerWeek());
      allowed(audienceSchema, "interest", q.interest());
      allowed(audienceSchema, "device", q.device());
    }
    assertEquals(
        List.of("age_band", "channel", "ltv_band", "region", "rfm_segment"), crm.dimensions());
    assertEquals(50, rules.minAggregationThreshold());
  }

  private static void within(MetricRule rule, double value) {
    assertTrue(
        value >= rule.lower() && value <= rule.upper(),
        rule.column() + " = " + value + " outside its bounds");
  }

  private static void allowed(DatasetSchema schema, String column, String value) {
    DimensionColumn d =
        schema.dimensions().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow();
    assertTrue(d.allowed().orElseThrow().contains(value), column + " = " + value);
  }
}
