package dev.parley.gateway.demo;

import dev.parley.cleanroom.analysis.ColumnSelector;
import dev.parley.cleanroom.analysis.MetricBreakdownRequest;
import dev.parley.cleanroom.analysis.MetricSelector;
import dev.parley.cleanroom.analysis.OverlapRequest;
import dev.parley.cleanroom.analysis.SegmentProfileRequest;
import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.synth.SyntheticPopulation;
import dev.parley.cleanroom.synth.SyntheticSchemas;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.util.List;

/**
 * The demo's cast and script: an advertiser (Northwind Retail, a CRM) and a publisher (The Daily
 * Planet, an audience), their datasets, the collaboration between them and the three analyses it
 * runs. Pure data; {@link DemoRunner} performs it.
 */
final class DemoScenario {
  /** The advertiser. */
  static final Partner ADVERTISER = Partner.of("northwind-retail", "Northwind Retail");

  /** The publisher. */
  static final Partner PUBLISHER = Partner.of("daily-planet", "The Daily Planet");

  /** The advertiser's CRM. */
  static final DatasetKey CRM = new DatasetKey(ADVERTISER.id(), "crm");

  /** The publisher's audience. */
  static final DatasetKey AUDIENCE = new DatasetKey(PUBLISHER.id(), "audience");

  /** The collaboration's id. */
  static final String COLLABORATION = "northwind-daily-planet";

  /** What the people consent to, and what the collaboration's analyses serve. */
  static final Purpose PURPOSE = Purpose.AUDIENCE_INSIGHTS;

  /** The minimum number of people per released row. */
  static final int K = 50;

  /** Percent of people who grant consent; the others refuse. */
  static final int CONSENT_PERCENT = 90;

  private DemoScenario() {}

  /**
   * Returns the population: {@code shared} people in both datasets, the rest in one.
   *
   * @param options the size
   * @return the population
   */
  static SyntheticPopulation population(DemoOptions options) {
    int only = options.people() - options.shared();
    return new SyntheticPopulation(
        new SyntheticPopulation.Params(
            options.seed(), options.shared(), only, only, CONSENT_PERCENT));
  }

  /** Returns the CRM's schema. */
  static DatasetSchema crmSchema() {
    return SyntheticSchemas.advertiser(CRM.dataset());
  }

  /** Returns the audience's schema. */
  static DatasetSchema audienceSchema() {
    return SyntheticSchemas.publisher(AUDIENCE.dataset());
  }

  /** Returns the collaboration's rules: every dimension, bounded metrics, k = 50. */
  static AnalysisRules rules() {
    return SyntheticSchemas.rules(CRM, AUDIENCE, K);
  }

  /** Northwind's question: how many of my customers read The Daily Planet? */
  static OverlapRequest overlap() {
    return new OverlapRequest(List.of(CRM, AUDIENCE));
  }

  /** Northwind's question: what do my matched customers read about, and what do they spend? */
  static SegmentProfileRequest profile() {
    return new SegmentProfileRequest(
        AUDIENCE, List.of("interest"), CRM, List.of(avg(CRM, "purchase_amount")));
  }

  /**
   * The Daily Planet's question: by Northwind's RFM segment, how much do readers spend and read?
   */
  static MetricBreakdownRequest breakdown() {
    return new MetricBreakdownRequest(
        List.of(CRM, AUDIENCE),
        List.of(new ColumnSelector(CRM, "rfm_segment")),
        List.of(
            new MetricSelector(AggregateFunction.SUM, new ColumnSelector(CRM, "orders")),
            avg(CRM, "purchase_amount"),
            avg(AUDIENCE, "minutes_per_week")));
  }

  private static MetricSelector avg(DatasetKey dataset, String column) {
    return new MetricSelector(AggregateFunction.AVG, new ColumnSelector(dataset, column));
  }
}
