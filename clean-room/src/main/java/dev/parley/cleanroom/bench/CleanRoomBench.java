package dev.parley.cleanroom.bench;

import dev.parley.cleanroom.analysis.DatasetCatalog;
import dev.parley.cleanroom.analysis.QueryResult;
import dev.parley.cleanroom.analysis.QueryService;
import dev.parley.cleanroom.analysis.SegmentProfileRequest;
import dev.parley.cleanroom.collab.AnalysisRules;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.CollaborationService;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.PartnerRegistry;
import dev.parley.cleanroom.dataset.DatasetService;
import dev.parley.cleanroom.dataset.UploadOptions;
import dev.parley.cleanroom.dataset.UploadResult;
import dev.parley.cleanroom.engine.DuckDbEngine;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.oprf.OprfPrivateKey;
import dev.parley.cleanroom.synth.SyntheticConsent;
import dev.parley.cleanroom.synth.SyntheticPopulation;
import dev.parley.cleanroom.synth.SyntheticPopulation.IdentifierFormat;
import dev.parley.cleanroom.synth.SyntheticSchemas;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.journal.LedgerJournal;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.secret.SecretKeyAccess;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The clean-room benchmark: two partners' datasets uploaded through {@link DatasetService}, their
 * people's consent loaded, and one segment profile run through {@link QueryService}, compared with
 * the same aggregation as plain SQL over plaintext identifiers in the same DuckDB.
 *
 * <p>Everything is real: a ledger, a TDB2 consent store and a DuckDB engine in {@code dataDir}. The
 * data is a {@link SyntheticPopulation} of {@code rows} advertiser customers and {@code rows}
 * publisher readers, {@code overlap} of them in both, 90% consenting. Each CSV is generated while
 * the upload reads it (never held in memory) with SHA-256 hex email hashes, which the upload
 * tokenizes on every core ({@code upload_s}, {@code tokenize_per_s}). Consent is then loaded for
 * every person ({@link SyntheticConsent}: tokenize, then the store's bulk import; {@code
 * consent_load_s}). Before the uploads, the tokenizer is warmed up and then timed alone on every
 * core over up to 200,000 of the population's hashes, as {@code parley bench tokenize} does: that
 * rate is what {@code upload_vs_tokenize} compares the upload with. The collaboration is created
 * and approved, and the publisher's interest distribution among the advertiser's matched customers
 * is asked through the query service ({@code query_s}: plan, consented subjects as a token set
 * (read by the warm-up query and reused by the rounds while consent is unchanged), aggregation,
 * {@code query.released} on the ledger). The baseline ({@link CleanRoomBenchPlain}) loads the same
 * rows keyed by the email hash in hex, with a plain table of the consenting people's hashes, and
 * runs the same statement shape (inner join, consent semi-join, {@code GROUP BY}, {@code COUNT
 * (DISTINCT)}, threshold; {@code plain_query_s}). Each runs once to warm up, then the two alternate
 * for {@value #ROUNDS} measured rounds and the medians are reported, so that a burst of load from
 * other processes on a shared machine does not skew one figure alone. Both answers must agree.
 * Finally {@link CleanRoomBenchProfile} times the query's steps apart.
 */
public final class CleanRoomBench {
  /** The advertiser's partner id. */
  static final String ADVERTISER = "bench-advertiser";

  /** The publisher's partner id. */
  static final String PUBLISHER = "bench-publisher";

  /** The advertiser's CRM. */
  static final DatasetKey CRM = new DatasetKey(ADVERTISER, "crm");

  /** The publisher's audience. */
  static final DatasetKey AUDIENCE = new DatasetKey(PUBLISHER, "audience");

  /** The collaboration's id. */
  static final String COLLABORATION = "bench-collaboration";

  /** The collaboration's purpose. */
  static final Purpose PURPOSE = Purpose.AUDIENCE_INSIGHTS;

  /** The minimum number of subjects per released row. */
  static final int K = 50;

  /** The grouping column of the profile (a publisher dimension). */
  static final String DIMENSION = "interest";

  private static final int WARMUP_TOKENS = 20_000;
  private static final int REFERENCE_TOKENS = 200_000;

  /** Measured runs of each query after the warm-up; the medians are reported. */
  static final int ROUNDS = 3;

  private CleanRoomBench() {}

  /**
   * The benchmark's size.
   *
   * @param rows rows in each partner's dataset, at least 1
   * @param overlap people in both datasets, 0 to {@code rows}
   * @param seed the population's seed
   */
  public record Params(int rows, int overlap, long seed) {
    /** The reference size: 1,000,000 rows each, 500,000 shared. */
    public static final Params DEFAULT = new Params(1_000_000, 500_000, 20_261_101);

    /** Validates the sizes. */
    public Params {
      if (rows < 1) {
        throw new IllegalArgumentException("rows: must be at least 1, got " + rows);
      }
      if (overlap < 0 || overlap > rows) {
        throw new IllegalArgumentException(
            "overlap: must be 0 to rows (" + rows + "), got " + overlap);
      }
    }

    /** Returns the population: overlap shared, rows - overlap only in each dataset, 90% consent. */
    SyntheticPopulation population() {
      return new SyntheticPopulation(
          new SyntheticPopulation.Params(seed, overlap, rows - overlap, rows - overlap, 90));
    }
  }

  /**
   * Runs the benchmark in a data directory and prints progress, then the upload comparison, then
   * the final line.
   *
   * @param dataDir an empty or new directory for the ledger, consent store and engine
   * @param params the size
   * @param out where to print
   * @return the figures
   * @throws IOException if a store cannot be opened or an upload fails to be recorded
   */
  public static CleanRoomBenchResult run(Path dataDir, Params params, PrintStream out)
      throws IOException {
    Objects.requireNonNull(out, "out");
    SyntheticPopulation population = params.population();
    Tokenizer tokenizer =
        Tokenizer.create(
            OprfMode.VOPRF, OprfPrivateKey.generate(new SecureRandom()), SecretKeyAccess.grant());
    try (LedgerStore ledger =
            LedgerStore.open(LedgerOptions.builder(dataDir.resolve("ledger")).build());
        ConsentStore consent = ConsentStore.open(dataDir, new LedgerJournal(ledger));
        DuckDbEngine engine = DuckDbEngine.open(dataDir)) {
      consent.registerPartner(Partner.of(ADVERTISER, "Bench advertiser"));
      consent.registerPartner(Partner.of(PUBLISHER, "Bench publisher"));
      DatasetService datasets = DatasetService.open(engine, tokenizer, ledger);
      warmUp(tokenizer, Math.min(WARMUP_TOKENS, params.rows()), out);
      double referenceRate =
          referenceRate(tokenizer, population, Math.min(REFERENCE_TOKENS, 2 * params.rows()), out);

      long t0 = System.nanoTime();
      upload(datasets, ADVERTISER, population, true, out);
      upload(datasets, PUBLISHER, population, false, out);
      double uploadSeconds = seconds(t0);

      t0 = System.nanoTime();
      SyntheticConsent.Outcome loaded =
          SyntheticConsent.load(
              population,
              tokenizer,
              consent,
              ADVERTISER,
              PUBLISHER,
              PURPOSE,
              Instant.now().minusSeconds(3600),
              out::println);
      double consentSeconds = seconds(t0);
      out.printf(
          Locale.ROOT,
          "consent: %d decisions (%d grants) for %d people in %.2f s; tokenizing them took %.2f s"
              + " (%.0f tokens/s on all cores)%n",
          loaded.decisions(),
          loaded.granted(),
          loaded.people(),
          consentSeconds,
          loaded.tokenizeNanos() / 1e9,
          loaded.tokenizePerSecond());

      CollaborationService collaborations =
          CollaborationService.open(dataDir, ledger, PartnerRegistry.of(consent));
      AnalysisRules rules = SyntheticSchemas.rules(CRM, AUDIENCE, K);
      collaborations.create(
          ADVERTISER, COLLABORATION, List.of(ADVERTISER, PUBLISHER), PURPOSE, rules);
      Collaboration collaboration = collaborations.approve(COLLABORATION, PUBLISHER, rules.hash());
      DatasetCatalog catalog = DatasetCatalog.of(datasets);
      QueryService queries =
          new QueryService(collaborations, catalog, engine, consent, ledger, Clock.systemUTC());
      SegmentProfileRequest request =
          new SegmentProfileRequest(AUDIENCE, List.of(DIMENSION), CRM, List.of());
      double querySeconds;
      double plainSeconds;
      boolean agree;
      QueryResult released;
      try (CleanRoomBenchPlain plain = CleanRoomBenchPlain.open(engine.file())) {
        plain.load(population, out);
        queries.run(ADVERTISER, COLLABORATION, request);
        plain.run(K);
        double[] service = new double[ROUNDS];
        double[] baseline = new double[ROUNDS];
        CleanRoomBenchPlain.Answer answer = null;
        released = null;
        for (int i = 0; i < ROUNDS; i++) {
          t0 = System.nanoTime();
          released = queries.run(ADVERTISER, COLLABORATION, request);
          service[i] = seconds(t0);
          t0 = System.nanoTime();
          answer = plain.run(K);
          baseline[i] = seconds(t0);
          out.printf(
              Locale.ROOT,
              "round %d: query service %.3f s (query.released at ledger index %d), plain SQL %.3f"
                  + " s%n",
              i + 1,
              service[i],
              released.ledgerIndex(),
              baseline[i]);
        }
        querySeconds = median(service);
        plainSeconds = median(baseline);
        agree = CleanRoomBenchPlain.agree(released.output(), answer, out);
      }
      CleanRoomBenchProfile.run(
          engine, consent, ledger, catalog, collaboration, ADVERTISER, request, querySeconds, out);

      long matched = 0;
      for (var row : released.output().rows()) {
        matched += row.subjects();
      }
      CleanRoomBenchResult result =
          new CleanRoomBenchResult(
              params.rows(),
              params.overlap(),
              uploadSeconds,
              2.0 * params.rows() / uploadSeconds,
              referenceRate,
              consentSeconds,
              querySeconds,
              plainSeconds,
              matched,
              agree);
      out.println(result.uploadLine());
      out.println(result.line());
      return result;
    }
  }

  private static void upload(
      DatasetService datasets,
      String partner,
      SyntheticPopulation population,
      boolean advertiser,
      PrintStream out)
      throws IOException {
    long t0 = System.nanoTime();
    UploadResult r =
        advertiser
            ? datasets.upload(
                partner,
                SyntheticSchemas.advertiser(CRM.dataset()),
                population.advertiserCsv(IdentifierFormat.SHA256_HEX),
                UploadOptions.STRICT)
            : datasets.upload(
                partner,
                SyntheticSchemas.publisher(AUDIENCE.dataset()),
                population.publisherCsv(IdentifierFormat.SHA256_HEX),
                UploadOptions.STRICT);
    double s = seconds(t0);
    out.printf(
        Locale.ROOT,
        "upload: %s/%s v%d, %d rows in %.2f s (%.0f rows/s), dataset.uploaded at ledger index %d%n",
        partner,
        r.dataset(),
        r.version(),
        r.rows(),
        s,
        r.rows() / s,
        r.ledgerIndex());
  }

  /** Tokenizes random hashes on every core so that the upload does not pay for JIT warm-up. */
  private static void warmUp(Tokenizer tokenizer, int n, PrintStream out) {
    SplittableRandom random = new SplittableRandom(1);
    List<IdentifierHash> hashes = new ArrayList<>(n);
    byte[] b = new byte[IdentifierHash.LENGTH];
    for (int i = 0; i < n; i++) {
      random.nextBytes(b);
      hashes.add(IdentifierHash.ofBytes(IdentifierKind.EMAIL, b));
    }
    long t0 = System.nanoTime();
    tokenizer.tokenize(hashes);
    out.printf(Locale.ROOT, "warm-up: %d tokens in %.2f s%n", n, seconds(t0));
  }

  /**
   * Measures the bulk tokenizer alone, as {@code parley bench tokenize} does on all cores: one
   * {@link Tokenizer#tokenize(List)} call over the email hashes of the first {@code n} people.
   */
  private static double referenceRate(
      Tokenizer tokenizer, SyntheticPopulation population, int n, PrintStream out) {
    List<IdentifierHash> hashes = new ArrayList<>(n);
    for (long p = 0; p < n; p++) {
      hashes.add(
          IdentifierHash.ofBytes(
              IdentifierKind.EMAIL, population.emailHash(p % population.personCount())));
    }
    long t0 = System.nanoTime();
    tokenizer.tokenize(hashes);
    double rate = n / seconds(t0);
    out.printf(
        Locale.ROOT,
        "tokenize alone: %d tokens on %d cores at %.0f tokens/s%n",
        n,
        Runtime.getRuntime().availableProcessors(),
        rate);
    return rate;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
