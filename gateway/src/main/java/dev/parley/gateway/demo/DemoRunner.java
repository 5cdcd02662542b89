package dev.parley.gateway.demo;

import dev.parley.cleanroom.analysis.AnalysisRequest;
import dev.parley.cleanroom.analysis.QueryResult;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.CollaborationService;
import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.dataset.DatasetService;
import dev.parley.cleanroom.dataset.UploadOptions;
import dev.parley.cleanroom.dataset.UploadResult;
import dev.parley.cleanroom.synth.SyntheticConsent;
import dev.parley.cleanroom.synth.SyntheticPopulation;
import dev.parley.cleanroom.synth.SyntheticPopulation.IdentifierFormat;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.auth.ApiKeyStore;
import dev.parley.gateway.auth.Role;
import dev.parley.gateway.cleanroom.CleanRoomComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Performs the demo's script against live services. Every step can be repeated after an
 * interruption: partners are registered idempotently, a key is created only for a partner that has
 * none, consent batches already imported are skipped, uploads carry upload keys (a repeat returns
 * the first version), and an existing collaboration is reused.
 *
 * <p>The consent load (tokenize, then the store's bulk import) runs on its own thread while the two
 * uploads run on the calling thread: both tokenize on every core, and the consent store's import is
 * single-threaded, so together they keep both cores busy.
 */
final class DemoRunner {
  private static final Pattern SAMPLE_EMAIL = Pattern.compile("[a-z0-9.]+@example\\.(com|org|net)");

  private final ConsentStore consent;
  private final ApiKeyStore apiKeys;
  private final Tokenizer tokenizer;
  private final CleanRoomComponent cleanRoom;
  private final Clock clock;
  private final PrintWriter progress;

  /**
   * Creates the runner.
   *
   * @param consent the server's consent store
   * @param apiKeys the server's API keys
   * @param tokenizer the tokenizer of the active matching key (the uploads' tokenizer)
   * @param cleanRoom the server's clean room (uploads, collaborations, queries, stored results)
   * @param clock the server's clock
   * @param progress receives one line per step
   */
  DemoRunner(
      ConsentStore consent,
      ApiKeyStore apiKeys,
      Tokenizer tokenizer,
      CleanRoomComponent cleanRoom,
      Clock clock,
      PrintWriter progress) {
    this.consent = consent;
    this.apiKeys = apiKeys;
    this.tokenizer = tokenizer;
    this.cleanRoom = cleanRoom;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Runs the script.
   *
   * @param options the size
   * @return what was done and released
   * @throws IOException if a store fails
   * @throws InterruptedException if interrupted while waiting for the consent load
   */
  DemoReport run(DemoOptions options) throws IOException, InterruptedException {
    SyntheticPopulation population = DemoScenario.population(options);
    for (Partner p : List.of(DemoScenario.ADVERTISER, DemoScenario.PUBLISHER)) {
      consent.registerPartner(p);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (Partner p : List.of(DemoScenario.ADVERTISER, DemoScenario.PUBLISHER)) {
      if (!hasPartnerKey(p.id())) {
        keys.put(
            p.id(),
            apiKeys.create(Role.PARTNER, Optional.of(p.id()), new SecureRandom()).plaintext());
      }
    }
    step(
        String.format(
            Locale.ROOT,
            "uploading %s (%,d rows) and %s (%,d rows) while recording consent for %,d people",
            DemoScenario.CRM.label(),
            population.advertiserCount(),
            DemoScenario.AUDIENCE.label(),
            population.publisherCount(),
            population.personCount()));
    UploadResult crm;
    UploadResult audience;
    try (ExecutorService background = Executors.newSingleThreadExecutor()) {
      Future<SyntheticConsent.Outcome> loading =
          background.submit(
              () ->
                  SyntheticConsent.load(
                      population,
                      tokenizer,
                      consent,
                      DemoScenario.ADVERTISER.id(),
                      DemoScenario.PUBLISHER.id(),
                      DemoScenario.PURPOSE,
                      clock.instant().minusSeconds(86_400),
                      this::step));
      crm =
          upload(
              DemoScenario.ADVERTISER.id(),
              DemoScenario.crmSchema(),
              population.advertiserCsv(IdentifierFormat.SHA256_HEX));
      audience =
          upload(
              DemoScenario.PUBLISHER.id(),
              DemoScenario.audienceSchema(),
              population.publisherCsv(IdentifierFormat.SHA256_HEX));
      await(loading);
    }
    Collaboration collaboration = collaborate();
    step("running an overlap, a segment profile and a metric breakdown");
    String advertiser = DemoScenario.ADVERTISER.id();
    DemoReport.Released overlap = release(advertiser, collaboration, DemoScenario.overlap());
    DemoReport.Released profile = release(advertiser, collaboration, DemoScenario.profile());
    DemoReport.Released breakdown =
        release(DemoScenario.PUBLISHER.id(), collaboration, DemoScenario.breakdown());
    return new DemoReport(
        options,
        keys,
        crm,
        audience,
        population.personCount(),
        granted(population),
        collaboration,
        overlap,
        profile,
        breakdown);
  }

  /**
   * Runs a request through the clean room's query service and stores the result for its requester,
   * as the query route does, so that the results routes list it.
   */
  private DemoReport.Released release(
      String partner, Collaboration collaboration, AnalysisRequest request) throws IOException {
    QueryResult result = cleanRoom.queries().run(partner, collaboration.id(), request);
    String queryId =
        cleanRoom
            .results()
            .save(partner, collaboration.id(), request, result, clock.instant())
            .getString("queryId");
    return new DemoReport.Released(partner, request, result, queryId);
  }

  private boolean hasPartnerKey(String partnerId) {
    return apiKeys.list().stream()
        .anyMatch(k -> k.role() == Role.PARTNER && k.partnerId().equals(Optional.of(partnerId)));
  }

  private UploadResult upload(String partner, DatasetSchema schema, InputStream csv)
      throws IOException {
    DatasetService datasets = cleanRoom.datasets();
    UploadResult r =
        datasets.upload(
            partner, schema, csv, UploadOptions.withKey("demo-" + schema.name() + "-1"));
    step(
        String.format(
            Locale.ROOT,
            "%s/%s v%d: %,d rows tokenized and stored (dataset.uploaded at ledger index %d)",
            partner,
            r.dataset(),
            r.version(),
            r.rows(),
            r.ledgerIndex()));
    return r;
  }

  /** Creates the collaboration (or takes the existing one) and has the publisher approve it. */
  private Collaboration collaborate() {
    CollaborationService collaborations = cleanRoom.collaborations();
    Collaboration c =
        collaborations
            .find(DemoScenario.COLLABORATION)
            .orElseGet(
                () ->
                    collaborations.create(
                        DemoScenario.ADVERTISER.id(),
                        DemoScenario.COLLABORATION,
                        List.of(DemoScenario.ADVERTISER.id(), DemoScenario.PUBLISHER.id()),
                        DemoScenario.PURPOSE,
                        DemoScenario.rules()));
    if (!c.hasApproved(DemoScenario.PUBLISHER.id())) {
      c = collaborations.approve(c.id(), DemoScenario.PUBLISHER.id(), c.rulesHash());
    }
    step(
        String.format(
            Locale.ROOT,
            "collaboration %s: proposed by %s, approved by %s (rules hash %s)",
            c.id(),
            DemoScenario.ADVERTISER.id(),
            DemoScenario.PUBLISHER.id(),
            c.rulesHash().substring(0, 12) + "..."));
    return c;
  }

  private static SyntheticConsent.Outcome await(Future<SyntheticConsent.Outcome> loading)
      throws IOException, InterruptedException {
    try {
      return loading.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(new IOException("consent load failed", cause));
    }
  }

  private static long granted(SyntheticPopulation population) {
    long n = 0;
    for (long p = 0; p < population.personCount(); p++) {
      if (population.consents(p)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The first consenting shared person whose email is lower case at a reserved example domain (RFC
   * 2606), so that signing in never mails a real address.
   */
  static String sampleEmail(SyntheticPopulation population) {
    for (long p = 0; p < population.params().shared(); p++) {
      String email = population.rawEmail(p);
      if (population.consents(p) && SAMPLE_EMAIL.matcher(email).matches()) {
        return email;
      }
    }
    return population.rawEmail(0);
  }

  private void step(String line) {
    progress.println("demo: " + line);
    progress.flush();
  }
}
