package dev.parley.consent.bench;

import dev.parley.consent.journal.ConsentJournal;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The consent benchmark: loads {@code subjects} subjects x 3 partners x 4 purposes, asks the bulk
 * question for every token, then measures how fast a withdrawal becomes visible.
 *
 * <p>Load: each (subject, partner) is one decision over the 4 purposes (one in five refused, the
 * rest given), imported through {@link ConsentStore#importBulk} in batches of {@value #BATCH}
 * decisions: every record is SHACL-validated and stored in TDB2, and each batch gets one ledger
 * entry (not one per decision; this bulk path is for migrations and this benchmark only). {@code
 * load_per_s} counts (subject, partner, purpose) consents stored per second. The question ({@code
 * check_1m_ms}) is timed after {@value #WARMUP} warm-up runs, as the median of {@value #RUNS} runs
 * over all tokens. {@code withdraw_visible_ms} is the time from starting a withdrawal (recorded
 * with its own ledger entry) until a question asked afterwards no longer counts that token.
 */
public final class ConsentBench {
  /** Decisions per bulk batch. */
  public static final int BATCH = 20_000;

  private static final int WARMUP = 3;
  private static final int RUNS = 5;
  private static final int PARTNERS = 3;
  private static final Set<Purpose> PURPOSES =
      Set.of(
          Purpose.MEASUREMENT,
          Purpose.AUDIENCE_INSIGHTS,
          Purpose.BASIC_ADS,
          Purpose.PERSONALISED_ADS);

  private ConsentBench() {}

  /**
   * The figures.
   *
   * @param subjects subjects loaded
   * @param loadPerSecond consents stored per second
   * @param checkMillis median time of the bulk question over all tokens
   * @param withdrawVisibleMillis time until a withdrawal is visible
   * @param active how many tokens the question found active
   */
  public record Result(
      int subjects,
      double loadPerSecond,
      double checkMillis,
      double withdrawVisibleMillis,
      int active) {
    /**
     * Returns the benchmark's final line.
     *
     * @return {@code bench consent: load_per_s=... check_1m_ms=... withdraw_visible_ms=...}
     */
    public String line() {
      return String.format(
          java.util.Locale.ROOT,
          "bench consent: load_per_s=%.0f check_1m_ms=%.1f withdraw_visible_ms=%.1f subjects=%d active=%d",
          loadPerSecond,
          checkMillis,
          withdrawVisibleMillis,
          subjects,
          active);
    }
  }

  /**
   * Runs the benchmark in a fresh data directory and prints progress and the final line.
   *
   * @param dataDir an empty directory for the store
   * @param journal the journal (the ledger in production)
   * @param subjects how many subjects (1,000,000 for the reference figures)
   * @param out where to print
   * @return the figures
   * @throws IOException if the store cannot be opened
   */
  public static Result run(Path dataDir, ConsentJournal journal, int subjects, PrintStream out)
      throws IOException {
    Instant now = Clock.systemUTC().instant();
    try (ConsentStore store = ConsentStore.open(dataDir, journal)) {
      for (int p = 0; p < PARTNERS; p++) {
        store.registerPartner(Partner.of(partnerId(p), "Bench partner " + p));
      }
      long t0 = System.nanoTime();
      List<ConsentDecision> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < subjects; i++) {
        SubjectToken t = token(i);
        for (int p = 0; p < PARTNERS; p++) {
          batch.add(
              ConsentDecision.builder()
                  .subject(t)
                  .partner(partnerId(p))
                  .purposes(PURPOSES)
                  .status((i + p) % 5 == 0 ? ConsentStatus.REFUSED : ConsentStatus.GIVEN)
                  .time(now.minusSeconds(3600))
                  .source(ConsentSource.BULK_IMPORT)
                  .policyVersion("bench-1")
                  .build());
          if (batch.size() == BATCH) {
            store.importBulk(batch);
            batch.clear();
          }
        }
        if ((i + 1) % 100_000 == 0) {
          out.printf("bench consent: loaded %d subjects%n", i + 1);
        }
      }
      if (!batch.isEmpty()) {
        store.importBulk(batch);
      }
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      double loadPerSecond = subjects * (double) PARTNERS * PURPOSES.size() / loadSeconds;

      List<SubjectToken> tokens = new ArrayList<>(subjects);
      for (int i = 0; i < subjects; i++) {
        tokens.add(token(i));
      }
      String partner = partnerId(0);
      int active = 0;
      for (int r = 0; r < WARMUP; r++) {
        active =
            store
                .activeConsent(tokens, partner, Purpose.MEASUREMENT, Long.MAX_VALUE, now)
                .cardinality();
      }
      double[] runs = new double[RUNS];
      for (int r = 0; r < RUNS; r++) {
        long s = System.nanoTime();
        BitSet b = store.activeConsent(tokens, partner, Purpose.MEASUREMENT, Long.MAX_VALUE, now);
        runs[r] = (System.nanoTime() - s) / 1e6;
        active = b.cardinality();
      }
      Arrays.sort(runs);
      double check = runs[RUNS / 2];

      SubjectToken victim = tokens.get(1);
      long w0 = System.nanoTime();
      store.record(
          ConsentDecision.builder()
              .subject(victim)
              .partner(partner)
              .purpose(Purpose.MEASUREMENT)
              .status(ConsentStatus.WITHDRAWN)
              .time(now)
              .source(ConsentSource.CONSENT_CENTER)
              .policyVersion("bench-1")
              .build());
      while (store
          .activeConsent(List.of(victim), partner, Purpose.MEASUREMENT, Long.MAX_VALUE, now)
          .get(0)) {
        Thread.onSpinWait();
      }
      double withdraw = (System.nanoTime() - w0) / 1e6;
      Result result = new Result(subjects, loadPerSecond, check, withdraw, active);
      out.println(result.line());
      return result;
    }
  }

  /**
   * The bench partner ids.
   *
   * @param p 0-2
   * @return the id
   */
  static String partnerId(int p) {
    return "bench-partner-" + p;
  }

  /**
   * A deterministic pseudorandom 64-byte token per subject number.
   *
   * @param i the subject number
   * @return the token
   */
  public static SubjectToken token(int i) {
    SplittableRandom r = new SplittableRandom(0x5EED_0000_0000L + i);
    byte[] b = new byte[SubjectToken.MAX_BYTES];
    r.nextBytes(b);
    return SubjectToken.of(b);
  }
}
