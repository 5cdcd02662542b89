package dev.parley.cleanroom.synth;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.consent.store.ConsentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Records a synthetic population's consent decisions in a consent store: each person who {@link
 * SyntheticPopulation#consents consents} grants the purpose to every partner holding them (the
 * advertiser for its CRM's people, the publisher for its audience's), every other person refuses
 * it. Subject tokens come from the same tokenizer that tokenizes the uploads, so they are the
 * tokens the datasets hold.
 *
 * <p>People are handled in fixed batches of {@value #PEOPLE_PER_BATCH}: the batch's email hashes
 * are tokenized with one {@link Tokenizer#tokenize(List)} call (every core), and its decisions (at
 * most two per person) are stored with one {@link ConsentStore#importBulk} call, the store's bulk
 * path with one ledger entry per batch. The next batch is tokenized on another thread while the
 * store imports the current one (the import is single-threaded), so the two overlap. A batch whose
 * first person already has a consent history is skipped, so a run interrupted between batches can
 * be repeated. Record ids are {@code synth-<person>-a} and {@code synth-<person>-p}.
 */
public final class SyntheticConsent {
  /** People per tokenization call and bulk import. */
  public static final int PEOPLE_PER_BATCH = 10_000;

  /** The privacy-notice version every synthetic decision names. */
  public static final String POLICY_VERSION = "synthetic-1";

  private SyntheticConsent() {}

  /**
   * What a load did.
   *
   * @param people people handled (including those of skipped batches)
   * @param decisions decisions imported now
   * @param granted of those, grants
   * @param skippedBatches batches found already imported
   * @param tokenizeNanos time spent inside {@link Tokenizer#tokenize(List)} calls
   * @param tokens tokens computed
   */
  public record Outcome(
      long people,
      long decisions,
      long granted,
      long skippedBatches,
      long tokenizeNanos,
      long tokens) {
    /**
     * Returns the tokenizer's all-cores rate during the load.
     *
     * @return tokens per second of tokenize calls, NaN if none were made
     */
    public double tokenizePerSecond() {
      return tokens == 0 ? Double.NaN : tokens / (tokenizeNanos / 1e9);
    }
  }

  /**
   * Tokenizes every person of the population and imports their decisions.
   *
   * @param population the population
   * @param tokenizer the tokenizer of the uploads (the same key and mode)
   * @param store the consent store; both partners must be registered
   * @param advertiser the advertiser's partner id
   * @param publisher the publisher's partner id
   * @param purpose the purpose granted or refused
   * @param time the decisions' time
   * @param progress receives a line every 100,000 people
   * @return what was done
   */
  public static Outcome load(
      SyntheticPopulation population,
      Tokenizer tokenizer,
      ConsentStore store,
      String advertiser,
      String publisher,
      Purpose purpose,
      Instant time,
      Consumer<String> progress) {
    return load(
        population,
        tokenizer,
        store,
        advertiser,
        publisher,
        purpose,
        time,
        progress,
        PEOPLE_PER_BATCH);
  }

  /** {@link #load} with another batch size (for tests). */
  static Outcome load(
      SyntheticPopulation population,
      Tokenizer tokenizer,
      ConsentStore store,
      String advertiser,
      String publisher,
      Purpose purpose,
      Instant time,
      Consumer<String> progress,
      int peoplePerBatch) {
    if (peoplePerBatch < 1) {
      throw new IllegalArgumentException("peoplePerBatch must be >= 1, got " + peoplePerBatch);
    }
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(store, "store");
    Partner.requireId(advertiser, "advertiser");
    Partner.requireId(publisher, "publisher");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(progress, "progress");
    long total = population.personCount();
    long decisions = 0;
    long granted = 0;
    long skipped = 0;
    long tokenizeNanos = 0;
    long tokens = 0;
    try (ExecutorService ahead = Executors.newSingleThreadExecutor()) {
      Future<Tokenized> next =
          ahead.submit(
              () -> tokenize(population, tokenizer, 0, batchSize(0, total, peoplePerBatch)));
      for (long first = 0; first < total; first += peoplePerBatch) {
        int n = batchSize(first, total, peoplePerBatch);
        Tokenized batchTokens = await(next);
        long following = first + n;
        if (following < total) {
          int m = batchSize(following, total, peoplePerBatch);
          next = ahead.submit(() -> tokenize(population, tokenizer, following, m));
        }
        tokenizeNanos += batchTokens.nanos();
        tokens += n;
        if (!store.history(SubjectToken.of(batchTokens.tokens().getFirst())).isEmpty()) {
          skipped++;
          continue;
        }
        List<ConsentDecision> batch = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
          long person = first + i;
          SubjectToken subject = SubjectToken.of(batchTokens.tokens().get(i));
          ConsentStatus status =
              population.consents(person) ? ConsentStatus.GIVEN : ConsentStatus.REFUSED;
          if (population.inAdvertiser(person)) {
            batch.add(decision(subject, advertiser, purpose, status, time, person + "-a"));
          }
          if (population.inPublisher(person)) {
            batch.add(decision(subject, publisher, purpose, status, time, person + "-p"));
          }
        }
        store.importBulk(batch);
        decisions += batch.size();
        granted += batch.stream().filter(d -> d.status() == ConsentStatus.GIVEN).count();
        if (following / 100_000 > first / 100_000 || following == total) {
          progress.accept("consent: " + following + " of " + total + " people");
        }
      }
    }
    return new Outcome(total, decisions, granted, skipped, tokenizeNanos, tokens);
  }

  /** One batch's tokens, in person order, and the time the tokenize call took. */
  private record Tokenized(List<byte[]> tokens, long nanos) {}

  private static int batchSize(long first, long total, int peoplePerBatch) {
    return (int) Math.min(peoplePerBatch, total - first);
  }

  private static Tokenized tokenize(
      SyntheticPopulation population, Tokenizer tokenizer, long first, int n) {
    List<IdentifierHash> hashes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hashes.add(IdentifierHash.ofBytes(IdentifierKind.EMAIL, population.emailHash(first + i)));
    }
    long t0 = System.nanoTime();
    List<byte[]> tokens = tokenizer.tokenize(hashes);
    return new Tokenized(tokens, System.nanoTime() - t0);
  }

  private static Tokenized await(Future<Tokenized> pending) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("tokenizing a consent batch failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tokenizing a consent batch", e);
    }
  }

  private static ConsentDecision decision(
      SubjectToken subject,
      String partner,
      Purpose purpose,
      ConsentStatus status,
      Instant time,
      String suffix) {
    return ConsentDecision.builder()
        .subject(subject)
        .partner(partner)
        .purpose(purpose)
        .status(status)
        .time(time)
        .source(ConsentSource.BULK_IMPORT)
        .policyVersion(POLICY_VERSION)
        .recordId("synth-" + suffix)
        .build();
  }
}
