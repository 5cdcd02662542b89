package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.AggregateFunction;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.CollaborationService;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.PartnerRegistry;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.cleanroom.engine.TableWriter;
import dev.parley.consent.journal.LedgerJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two partners on a real ledger and a real consent store (TDB2), their datasets loaded into an
 * engine, and an active collaboration with k = 10.
 *
 * <p>Subjects are numbered. acme/customers holds 0-159 (region: subject 0 alone in "north-pole",
 * else "east" for even and "west" for odd; spend = 10 i, clamped to [0, 1000]); globex/viewers
 * holds 40-199 (age_band "18-24"/"25-34"/"35-44" by i mod 3, except subject 41 alone in "65+";
 * minutes = i). The join is 40-159. acme has consent for 0-149, globex for 30-199, both for
 * audience insights: 110 joined subjects (40-149) count.
 */
final class Scenario implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final DatasetKey CUSTOMERS = new DatasetKey("acme", "customers");
  static final DatasetKey VIEWERS = new DatasetKey("globex", "viewers");
  static final int K = 10;

  final LedgerStore ledger;
  final ConsentStore consent;
  final CollaborationService collaborations;
  final Collaboration collaboration;
  private final Path data;

  Scenario(Path data) throws IOException {
    this.data = data;
    ledger = LedgerStore.open(LedgerOptions.builder(data.resolve("ledger")).build());
    consent = ConsentStore.open(data, new LedgerJournal(ledger));
    for (String p : List.of("acme", "globex", "initech")) {
      consent.registerPartner(Partner.of(p, p.toUpperCase(java.util.Locale.ROOT)));
    }
    List<ConsentDecision> grants = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      grants.add(decision(i, "acme", ConsentStatus.GIVEN, T0));
    }
    for (int i = 30; i < 200; i++) {
      grants.add(decision(i, "globex", ConsentStatus.GIVEN, T0));
    }
    consent.importBulk(grants);
    collaborations = CollaborationService.open(data, ledger, PartnerRegistry.of(consent));
    AnalysisRules rules =
        AnalysisRules.builder()
            .dataset(CUSTOMERS, d -> d.dimensions("region").metric("spend", 0, 1000))
            .dataset(VIEWERS, d -> d.dimensions("age_band").metric("minutes", 0, 600))
            .allow(AggregateFunction.SUM, AggregateFunction.AVG)
            .minAggregationThreshold(K)
            .build();
    collaborations.create(
        "acme", "retail-media", List.of("acme", "globex"), Purpose.AUDIENCE_INSIGHTS, rules);
    collaboration = collaborations.approve("retail-media", "globex", rules.hash());
  }

  static byte[] token(int i) {
    byte[] t = new byte[64];
    t[0] = (byte) (i >>> 8);
    t[1] = (byte) i;
    t[2] = 0x7E;
    t[63] = (byte) 0xC3;
    return t;
  }

  static ConsentDecision decision(int subject, String partner, ConsentStatus status, Instant t) {
    return ConsentDecision.builder()
        .subject(SubjectToken.of(token(subject)))
        .partner(partner)
        .status(status)
        .time(t)
        .source(ConsentSource.CONSENT_CENTER)
        .policyVersion("v1")
        .purpose(Purpose.AUDIENCE_INSIGHTS)
        .build();
  }

  /** Loads both datasets into an engine and returns their descriptions. */
  static DatasetCatalog load(AnalyticEngine engine) {
    List<ColumnDef> customerColumns =
        List.of(
            new ColumnDef("region", ColumnType.DIMENSION),
            new ColumnDef("spend", ColumnType.DECIMAL));
    try (TableWriter w = engine.createTable("acme_customers_v1", customerColumns)) {
      for (int i = 0; i < 160; i++) {
        String region = i == 0 ? "north-pole" : i % 2 == 0 ? "east" : "west";
        w.append(token(i), new Object[] {region, 10.0 * i});
      }
      w.commit();
    }
    List<ColumnDef> viewerColumns =
        List.of(
            new ColumnDef("age_band", ColumnType.DIMENSION),
            new ColumnDef("minutes", ColumnType.INTEGER));
    try (TableWriter w = engine.createTable("globex_viewers_v1", viewerColumns)) {
      String[] bands = {"18-24", "25-34", "35-44"};
      for (int i = 40; i < 200; i++) {
        w.append(token(i), new Object[] {i == 41 ? "65+" : bands[i % 3], (long) i});
      }
      w.commit();
    }
    Map<DatasetKey, DatasetDescription> latest =
        Map.of(
            CUSTOMERS,
            new DatasetDescription(
                CUSTOMERS,
                new TableRef("acme_customers_v1", "acme"),
                customerColumns,
                Set.of("email")),
            VIEWERS,
            new DatasetDescription(
                VIEWERS,
                new TableRef("globex_viewers_v1", "globex"),
                viewerColumns,
                Set.of("email", "phone")));
    return key -> Optional.ofNullable(latest.get(key));
  }

  QueryService service(AnalyticEngine engine, DatasetCatalog catalog) {
    return new QueryService(
        collaborations,
        catalog,
        engine,
        consent,
        ledger,
        Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
  }

  long ledgerSize() {
    return ledger.latest().checkpoint().size();
  }

  Path data() {
    return data;
  }

  @Override
  public void close() throws IOException {
    consent.close();
    ledger.close();
  }
}
