package dev.parley.consent.tcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.iabtcf.encoder.TCStringEncoder;
import dev.parley.consent.journal.MemoryJournal;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentState;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcfImporterTest {
  private static final Instant UPDATED = Instant.parse("2026-02-01T12:00:00Z");

  @TempDir Path data;

  private static SubjectToken token(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    return SubjectToken.of(b);
  }

  /** A TC string made with the IAB's own encoder. */
  private static String tcString(int policyVersion, int[] purposes, int... vendors) {
    TCStringEncoder.Builder b =
        TCStringEncoder.newBuilder()
            .version(2)
            .created(UPDATED)
            .lastUpdated(UPDATED)
            .cmpId(7)
            .cmpVersion(1)
            .consentScreen(1)
            .consentLanguage("EN")
            .vendorListVersion(80)
            .tcfPolicyVersion(policyVersion)
            .isServiceSpecific(true);
    for (int p : purposes) {
      b.addPurposesConsent(p);
    }
    for (int v : vendors) {
      b.addVendorConsent(v);
    }
    return b.encode();
  }

  @Test
  void decide_allPurposesAndVendor_grantsEveryTcfMappedPurpose() {
    Partner acme = new Partner("acme", "Acme", OptionalInt.of(755));
    var ds =
        TcfDecisions.decide(
            token(1), tcString(4, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 755), acme, null);
    assertEquals(1, ds.size());
    assertEquals(ConsentStatus.GIVEN, ds.get(0).status());
    assertEquals(7, ds.get(0).purposes().size());
    assertFalse(ds.get(0).purposes().contains(Purpose.DIRECT_MARKETING));
    assertEquals(UPDATED, ds.get(0).time());
    assertEquals("tcf-policy-4-gvl-80", ds.get(0).policyVersion());
    assertEquals(ConsentSource.TCF_IMPORT, ds.get(0).source());
  }

  @Test
  void decide_partialPurposes_conservativeGrantAndRefusal() {
    Partner globex = Partner.of("globex", "Globex");
    var ds =
        TcfDecisions.decide(
            token(1), tcString(4, new int[] {2, 3, 7, 8}), globex, Duration.ofDays(390));
    assertEquals(2, ds.size());
    assertEquals(java.util.Set.of(Purpose.BASIC_ADS, Purpose.MEASUREMENT), ds.get(0).purposes());
    assertEquals(UPDATED.plus(Duration.ofDays(390)), ds.get(0).expires().orElseThrow());
    assertTrue(ds.get(1).purposes().contains(Purpose.PERSONALISED_ADS), "3 without 4 is refused");
    assertEquals(ConsentStatus.REFUSED, ds.get(1).status());
  }

  @Test
  void decide_vendorWithoutConsent_refusesAll() {
    Partner acme = new Partner("acme", "Acme", OptionalInt.of(755));
    var ds = TcfDecisions.decide(token(1), tcString(4, new int[] {2, 7, 8}, 12), acme, null);
    assertEquals(1, ds.size());
    assertEquals(ConsentStatus.REFUSED, ds.get(0).status());
  }

  @Test
  void importBatch_goodAndBadStrings_appliesGoodRejectsBadWithPosition() throws IOException {
    MemoryJournal journal = new MemoryJournal();
    try (ConsentStore store = ConsentStore.open(data, journal)) {
      store.registerPartner(new Partner("acme", "Acme", OptionalInt.of(755)));
      String good = tcString(4, new int[] {2, 7, 8, 9, 10}, 755);
      List<TcfImporter.Line> lines =
          List.of(
              new TcfImporter.Line(token(1), good),
              new TcfImporter.Line(token(2), "not a tc string!"),
              new TcfImporter.Line(token(3), tcString(2, new int[] {2}, 755)),
              new TcfImporter.Line(token(4), ""),
              new TcfImporter.Line(token(5), tcString(4, new int[] {11}, 755)));
      TcfImporter.Result r = new TcfImporter(store).importBatch("acme", lines, null);
      assertEquals(2, r.applied());
      assertEquals(
          List.of(1, 2, 3), r.rejected().stream().map(TcfImporter.Rejection::position).toList());
      assertTrue(
          r.rejected().get(1).reason().contains("TcfPolicyVersion 2"),
          r.rejected().get(1).reason());
      assertTrue(
          r.rejected().get(0).reason().startsWith("not a decodable TC string"),
          r.rejected().get(0).reason());
      assertEquals(4, r.receipts().size());
      assertEquals(4, journal.entries().size());

      List<ConsentState> s1 = store.currentState(token(1), UPDATED.plusSeconds(1));
      assertEquals(7, s1.size());
      assertTrue(s1.stream().anyMatch(s -> s.purpose() == Purpose.MEASUREMENT && s.active()));
      assertTrue(s1.stream().anyMatch(s -> s.purpose() == Purpose.PERSONALISED_ADS && !s.active()));
      assertTrue(store.history(token(2)).isEmpty());
      assertTrue(
          store
              .activeConsent(
                  List.of(token(5)), "acme", Purpose.BASIC_CONTENT, Long.MAX_VALUE, UPDATED)
              .get(0));
    }
  }
}
