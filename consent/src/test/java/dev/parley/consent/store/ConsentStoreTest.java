package dev.parley.consent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.journal.MemoryJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.ConsentRecord;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentState;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.ErasureReceipt;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.entry.EntryType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path data;
  private MemoryJournal journal;
  private ConsentStore store;

  @BeforeEach
  void open() throws IOException {
    journal = new MemoryJournal();
    store = ConsentStore.open(data, journal);
    store.registerPartner(new Partner("acme", "Acme Retail", OptionalInt.of(755)));
    store.registerPartner(Partner.of("globex", "Globex Media"));
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  static SubjectToken token(int i) {
    byte[] b = new byte[64];
    b[0] = (byte) i;
    b[1] = 0x5A;
    return SubjectToken.of(b);
  }

  private static ConsentDecision.Builder decision(
      int subject, String partner, ConsentStatus s, Instant t) {
    return ConsentDecision.builder()
        .subject(token(subject))
        .partner(partner)
        .status(s)
        .time(t)
        .source(ConsentSource.CONSENT_CENTER)
        .policyVersion("v3");
  }

  @Test
  void grantThenWithdraw_historyAndStateAndLedger() {
    ConsentReceipt g =
        store.record(
            decision(1, "acme", ConsentStatus.GIVEN, T0)
                .purposes(Set.of(Purpose.MEASUREMENT, Purpose.BASIC_ADS))
                .build());
    ConsentReceipt w =
        store.record(
            decision(1, "acme", ConsentStatus.WITHDRAWN, T0.plusSeconds(60))
                .purpose(Purpose.BASIC_ADS)
                .build());
    assertEquals(0, g.ledgerIndex());
    assertEquals(1, w.ledgerIndex());
    assertEquals(g.subjectCommitment(), w.subjectCommitment());

    List<ConsentRecord> h = store.history(token(1));
    assertEquals(2, h.size());
    assertEquals(g.recordId(), h.get(0).decision().recordId());
    assertEquals(ConsentStatus.WITHDRAWN, h.get(1).decision().status());
    assertEquals(T0, h.get(0).decision().time());

    List<ConsentState> now = store.currentState(token(1), T0.plusSeconds(120));
    assertEquals(2, now.size());
    assertEquals(ConsentStatus.GIVEN, now.get(0).status());
    assertEquals(Purpose.MEASUREMENT, now.get(0).purpose());
    assertEquals(ConsentStatus.WITHDRAWN, now.get(1).status());

    List<MemoryJournal.Entry> entries = journal.entries();
    assertEquals(2, entries.size());
    assertEquals(EntryType.CONSENT_CHANGED, entries.get(1).type());
    assertEquals(w.subjectCommitment(), entries.get(1).body().getString("subject"));
    assertEquals("withdrawn", entries.get(1).body().getString("status"));

    List<SubjectToken> tokens = List.of(token(1), token(2));
    assertTrue(
        store
            .activeConsent(tokens, "acme", Purpose.MEASUREMENT, Long.MAX_VALUE, T0.plusSeconds(90))
            .get(0));
    assertFalse(
        store
            .activeConsent(tokens, "acme", Purpose.BASIC_ADS, Long.MAX_VALUE, T0.plusSeconds(90))
            .get(0));
    assertTrue(
        store.activeConsent(tokens, "acme", Purpose.BASIC_ADS, 1, T0.plusSeconds(90)).get(0));
  }

  @Test
  void expiry_lapsedConsentReadsExpired() {
    Instant exp = T0.plusSeconds(3600);
    store.record(
        decision(3, "globex", ConsentStatus.GIVEN, T0)
            .purpose(Purpose.PERSONALISED_ADS)
            .expires(exp)
            .build());
    assertEquals(
        ConsentStatus.GIVEN, store.currentState(token(3), exp.minusMillis(1)).get(0).status());
    assertEquals(ConsentStatus.EXPIRED, store.currentState(token(3), exp).get(0).status());
    assertEquals(exp, store.history(token(3)).get(0).decision().expires().orElseThrow());
    assertFalse(
        store
            .activeConsent(
                List.of(token(3)), "globex", Purpose.PERSONALISED_ADS, Long.MAX_VALUE, exp)
            .get(0));
    assertEquals("2026-03-01T11:00:00.000Z", journal.entries().get(0).body().getString("expires"));
  }

  @Test
  void unregisteredPartner_rejectedByShacl_changesNothing() {
    long before = store.tripleCount();
    ConsentValidationException e =
        assertThrows(
            ConsentValidationException.class,
            () ->
                store.record(
                    decision(4, "initech", ConsentStatus.GIVEN, T0)
                        .purpose(Purpose.MEASUREMENT)
                        .build()));
    assertTrue(e.getMessage().contains("registered partner"), e.getMessage());
    assertEquals(before, store.tripleCount());
    assertTrue(journal.entries().isEmpty());
    assertTrue(store.history(token(4)).isEmpty());
  }

  @Test
  void rawGraphWithEmail_rejectedByClosedShape_changesNothing() {
    store.record(decision(5, "acme", ConsentStatus.GIVEN, T0).purpose(Purpose.MEASUREMENT).build());
    long before = store.tripleCount();
    Graph g = GraphFactory.createDefaultGraph();
    RecordGraph.record(
        decision(6, "acme", ConsentStatus.GIVEN, T0).purpose(Purpose.MEASUREMENT).build(),
        "cd".repeat(32),
        7,
        g::add);
    RecordGraph.partner(store.partner("acme").orElseThrow(), g::add);
    g.add(
        Triple.create(
            Vocab.subject("cd".repeat(32)),
            NodeFactory.createURI("http://xmlns.com/foaf/0.1/mbox"),
            NodeFactory.createLiteralString("person@example.com")));
    ConsentValidationException e =
        assertThrows(ConsentValidationException.class, () -> store.commitGraph(g));
    assertTrue(e.getMessage().contains("dpv:DataSubject"), e.getMessage());
    assertEquals(before, store.tripleCount());
  }

  @Test
  void duplicateRecordId_rejected_changesNothing() {
    store.record(
        decision(7, "acme", ConsentStatus.GIVEN, T0)
            .purpose(Purpose.MEASUREMENT)
            .recordId("r-1")
            .build());
    long before = store.tripleCount();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                store.record(
                    decision(8, "acme", ConsentStatus.REFUSED, T0)
                        .purpose(Purpose.MEASUREMENT)
                        .recordId("r-1")
                        .build()));
    assertTrue(e.getMessage().contains("recordId"));
    assertEquals(before, store.tripleCount());
    assertEquals(1, journal.entries().size());
  }

  @Test
  void ledgerRefuses_nothingStored() {
    journal.refuse(true);
    assertThrows(
        ConsentStoreException.class,
        () ->
            store.record(
                decision(9, "acme", ConsentStatus.GIVEN, T0).purpose(Purpose.MEASUREMENT).build()));
    assertTrue(store.history(token(9)).isEmpty());
    assertFalse(store.index().contains(token(9)));
  }

  @Test
  void erase_removesTriplesSaltAndIndex_andAppendsSubjectErased() {
    store.record(
        decision(10, "acme", ConsentStatus.GIVEN, T0)
            .purpose(Purpose.MEASUREMENT)
            .expires(T0.plusSeconds(99))
            .build());
    ConsentReceipt r =
        store.record(
            decision(10, "globex", ConsentStatus.REFUSED, T0).purpose(Purpose.BASIC_ADS).build());
    store.record(
        decision(11, "acme", ConsentStatus.GIVEN, T0).purpose(Purpose.MEASUREMENT).build());
    String other = store.exportJsonLd(token(11));

    ErasureReceipt e = store.erase(token(10)).orElseThrow();
    assertEquals(2, e.recordsRemoved());
    assertEquals(r.subjectCommitment(), e.subjectCommitment());
    MemoryJournal.Entry last = journal.entries().get(journal.entries().size() - 1);
    assertEquals(EntryType.SUBJECT_ERASED, last.type());
    assertEquals(e.subjectCommitment(), last.body().getString("subject"));

    assertTrue(store.history(token(10)).isEmpty());
    assertFalse(store.index().contains(token(10)));
    long mentions =
        store.readConsentGraph(
            g ->
                g.find()
                    .filterKeep(t -> t.toString().contains(e.subjectCommitment()))
                    .toList()
                    .size());
    assertEquals(0, mentions);
    assertTrue(store.erase(token(10)).isEmpty());
    assertEquals(other, store.exportJsonLd(token(11)));
  }

  @Test
  void exportJsonLd_parsesAndHoldsDpvRecord() {
    ConsentReceipt r =
        store.record(
            decision(12, "acme", ConsentStatus.GIVEN, T0)
                .purposes(Set.of(Purpose.MEASUREMENT, Purpose.PRODUCT_IMPROVEMENT))
                .expires(T0.plusSeconds(86_400))
                .build());
    String json = store.exportJsonLd(token(12));
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.fromString(json, Lang.JSONLD).parse(g);
    assertTrue(
        g.contains(Vocab.uri("urn:parley:consent:" + r.recordId()), Vocab.TYPE, Vocab.CONSENT));
    assertTrue(
        g.contains(
            Vocab.uri("urn:parley:consent:" + r.recordId()),
            Vocab.HAS_PURPOSE,
            Vocab.uri(Purpose.PRODUCT_IMPROVEMENT.dpvIri())));
    assertTrue(g.contains(Vocab.uri("urn:parley:partner:acme"), Vocab.TYPE, Vocab.DATA_CONTROLLER));
    assertTrue(g.contains(Vocab.subject(r.subjectCommitment()), Vocab.TYPE, Vocab.DATA_SUBJECT));
    assertFalse(json.contains(token(12).toBase64Url()), "the token itself is never exported");
    Graph empty = GraphFactory.createDefaultGraph();
    RDFParser.fromString(store.exportJsonLd(token(99)), Lang.JSONLD).parse(empty);
    assertEquals(0, empty.size());
  }

  @Test
  void reopen_preservesRecordsPartnersAndIndex() throws IOException {
    Instant exp = T0.plusSeconds(500);
    store.record(
        decision(20, "acme", ConsentStatus.GIVEN, T0)
            .purposes(Set.of(Purpose.MEASUREMENT, Purpose.BASIC_ADS))
            .expires(exp)
            .build());
    store.record(
        decision(20, "acme", ConsentStatus.WITHDRAWN, T0.plusSeconds(1))
            .purpose(Purpose.BASIC_ADS)
            .build());
    store.record(
        decision(21, "globex", ConsentStatus.GIVEN, T0).purpose(Purpose.BASIC_ADS).build());
    List<ConsentRecord> before = store.history(token(20));
    store.close();
    store = ConsentStore.open(data, journal);
    assertEquals(before, store.history(token(20)));
    assertEquals(2, store.partners().size());
    assertEquals(OptionalInt.of(755), store.partner("acme").orElseThrow().tcfVendorId());
    List<SubjectToken> tokens = List.of(token(20), token(21), token(22));
    Instant now = T0.plusSeconds(10);
    assertEquals(
        List.of(true, false, false), bits(store, tokens, "acme", Purpose.MEASUREMENT, now));
    assertEquals(List.of(false, false, false), bits(store, tokens, "acme", Purpose.BASIC_ADS, now));
    assertEquals(
        List.of(false, true, false), bits(store, tokens, "globex", Purpose.BASIC_ADS, now));
    assertEquals(
        List.of(false, false, false), bits(store, tokens, "acme", Purpose.MEASUREMENT, exp));
  }

  private static List<Boolean> bits(
      ConsentStore s, List<SubjectToken> t, String p, Purpose u, Instant now) {
    var b = s.activeConsent(t, p, u, Long.MAX_VALUE, now);
    return java.util.stream.IntStream.range(0, t.size()).mapToObj(b::get).toList();
  }

  @Test
  void importBulk_oneLedgerNote_recordsCarryItsIndex() {
    List<ConsentDecision> batch =
        List.of(
            decision(30, "acme", ConsentStatus.GIVEN, T0)
                .purpose(Purpose.MEASUREMENT)
                .source(ConsentSource.BULK_IMPORT)
                .build(),
            decision(31, "acme", ConsentStatus.REFUSED, T0)
                .purpose(Purpose.MEASUREMENT)
                .source(ConsentSource.BULK_IMPORT)
                .build());
    var r = store.importBulk(batch);
    assertEquals(2, r.records());
    assertEquals(1, journal.entries().size());
    assertEquals(EntryType.LEDGER_NOTE, journal.entries().get(0).type());
    assertTrue(journal.entries().get(0).body().getString("text").contains(r.digest()));
    assertEquals(r.ledgerIndex(), store.history(token(31)).get(0).ledgerIndex());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            store.importBulk(
                List.of(
                    batch.get(0),
                    decision(30, "acme", ConsentStatus.GIVEN, T0)
                        .purpose(Purpose.BASIC_ADS)
                        .build())));
  }
}
