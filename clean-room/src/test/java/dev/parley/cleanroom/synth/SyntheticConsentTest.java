package dev.parley.cleanroom.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.journal.LedgerJournal;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.secret.SecretKeyAccess;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a population's consent into a real consent store on a real ledger. */
class SyntheticConsentTest {
  private static final Tokenizer TOKENIZER =
      Tokenizer.create(
          OprfMode.VOPRF,
          OprfPrivateKey.derive(
              OprfMode.VOPRF,
              "synthetic-consent: 32-byte seed!".getBytes(StandardCharsets.UTF_8),
              "parley".getBytes(StandardCharsets.UTF_8)),
          SecretKeyAccess.grant());
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

  @TempDir Path data;

  @Test
  void load_population_eachPersonDecidedForEachPartnerHoldingThem() throws Exception {
    // 2,000 people in batches of 700: two full batches and a partial one.
    SyntheticPopulation pop =
        new SyntheticPopulation(new SyntheticPopulation.Params(5, 1_000, 500, 500, 80));
    try (LedgerStore ledger = LedgerStore.open(LedgerOptions.builder(data.resolve("l")).build());
        ConsentStore store = ConsentStore.open(data, new LedgerJournal(ledger))) {
      store.registerPartner(Partner.of("adv", "Advertiser"));
      store.registerPartner(Partner.of("pub", "Publisher"));
      List<String> progress = new ArrayList<>();
      SyntheticConsent.Outcome first =
          SyntheticConsent.load(
              pop, TOKENIZER, store, "adv", "pub", Purpose.MEASUREMENT, T0, progress::add, 700);

      long granted = 0;
      for (long p = 0; p < pop.personCount(); p++) {
        granted +=
            pop.consents(p) ? (pop.inAdvertiser(p) ? 1 : 0) + (pop.inPublisher(p) ? 1 : 0) : 0;
      }
      assertEquals(pop.advertiserCount() + pop.publisherCount(), first.decisions());
      assertEquals(granted, first.granted());
      assertEquals(2_000, first.tokens());
      assertEquals(List.of("consent: 2000 of 2000 people"), progress);

      List<SubjectToken> tokens = new ArrayList<>();
      for (long p = 0; p < pop.personCount(); p++) {
        tokens.add(
            SubjectToken.of(
                TOKENIZER.token(IdentifierHash.ofBytes(IdentifierKind.EMAIL, pop.emailHash(p)))));
      }
      long size = ledger.latest().checkpoint().size();
      Instant later = T0.plusSeconds(60);
      BitSet adv = store.activeConsent(tokens, "adv", Purpose.MEASUREMENT, size, later);
      BitSet pub = store.activeConsent(tokens, "pub", Purpose.MEASUREMENT, size, later);
      BitSet other = store.activeConsent(tokens, "adv", Purpose.BASIC_ADS, size, later);
      for (int p = 0; p < tokens.size(); p++) {
        assertEquals(pop.consents(p) && pop.inAdvertiser(p), adv.get(p), "adv, person " + p);
        assertEquals(pop.consents(p) && pop.inPublisher(p), pub.get(p), "pub, person " + p);
      }
      assertEquals(0, other.cardinality(), "only the given purpose");

      SyntheticConsent.Outcome again =
          SyntheticConsent.load(
              pop, TOKENIZER, store, "adv", "pub", Purpose.MEASUREMENT, T0, progress::add, 700);
      assertEquals(0, again.decisions());
      assertEquals(3, again.skippedBatches());
      assertEquals(size, ledger.latest().checkpoint().size(), "nothing new on the ledger");
    }
  }
}
