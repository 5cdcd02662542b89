package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.CollaborationService;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.collab.DpRules;
import dev.parley.cleanroom.dp.BudgetAccountant;
import dev.parley.cleanroom.dp.PrivacyJson;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.SpendDecision;
import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ResultRow;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.store.LedgerStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Runs consent-enforced aggregate queries in collaborations and records each release on the ledger.
 *
 * <p>Life of a query ({@link #run}): (1) the requester must be a member of an active collaboration,
 * and the request is planned against its rules and the latest published dataset versions ({@link
 * QueryPlanner}); a refusal throws {@link QueryRefusedException} before any data is read. (2) The
 * ledger size S and the instant now are fixed ({@link ConsentAsOf}). (3) The consented subjects are
 * the tokens with active consent for the collaboration's purpose with every contributing partner,
 * among the decisions at ledger indexes below S, read from the consent index in one pass and loaded
 * into the engine as a token set, or the token set kept from an earlier query if the index provably
 * gives the same answer now ({@link ConsentedSubjects}); no token of the join ever leaves the
 * engine. (4) One statement joins the datasets, semi-joins them on that token set, aggregates and
 * suppresses groups with fewer than k distinct subjects (they are counted, never returned). (5) For
 * an overlap, the requester's own consented subjects in its own table give the match-rate bucket,
 * the same way. (6) A {@code query.released} entry (collaboration, partner, request hash, purpose,
 * S, output digest, suppressed count) is appended and awaited; only then is the result returned. If
 * the ledger fails, nothing is returned.
 *
 * <p>In a collaboration whose rules enable differential privacy ({@link DpRules}) the life differs
 * after planning: the noise is calibrated ({@link DpPlan}; a query whose noise cannot be calibrated
 * is refused); then, under the collaboration's lock, its accountant (rebuilt from the ledger on
 * first use) spends the per-query cost or refuses with {@link Rule#BUDGET_EXHAUSTED} before
 * anything runs or is recorded; the engine runs with at most L groups per subject and no threshold;
 * noise is added to every released statistic and the threshold k is applied to the noisy subject
 * counts ({@link DpRelease}); the {@code query.released} entry carries the {@code privacy} object
 * of the spend, appended before the lock is released. See {@code docs/privacy.md}. Budgets are
 * cached per service, so one ledger must have one query service (as it has one writing process).
 *
 * <p>Tokens never leave: they flow only from the consent index into the engine, where token sets
 * live in memory (never in the database file) and are dropped once stale.
 */
public final class QueryService {
  private final CollaborationService collaborations;
  private final DatasetCatalog datasets;
  private final AnalyticEngine engine;
  private final LedgerStore ledger;
  private final Clock clock;
  private final SecureRandom random;
  private final BudgetBook budgets;
  private final ConsentedSubjects subjects;

  /**
   * Creates the service.
   *
   * @param collaborations the collaborations
   * @param datasets the latest dataset versions
   * @param engine the engine holding the dataset tables
   * @param consent the consent store
   * @param ledger the ledger releases are recorded on (the consent store's ledger)
   * @param clock the clock consent expiry is judged by
   */
  public QueryService(
      CollaborationService collaborations,
      DatasetCatalog datasets,
      AnalyticEngine engine,
      ConsentStore consent,
      LedgerStore ledger,
      Clock clock) {
    this(collaborations, datasets, engine, consent, ledger, clock, new SecureRandom());
  }

  /**
   * Creates the service with a given source of noise for differential privacy.
   *
   * @param collaborations the collaborations
   * @param datasets the latest dataset versions
   * @param engine the engine holding the dataset tables
   * @param consent the consent store
   * @param ledger the ledger releases are recorded on (the consent store's ledger)
   * @param clock the clock consent expiry and privacy-budget periods are judged by
   * @param random the only randomness of the noise (a seeded one makes tests reproducible)
   */
  public QueryService(
      CollaborationService collaborations,
      DatasetCatalog datasets,
      AnalyticEngine engine,
      ConsentStore consent,
      LedgerStore ledger,
      Clock clock,
      SecureRandom random) {
    this.collaborations = Objects.requireNonNull(collaborations, "collaborations");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.budgets = new BudgetBook(ledger, clock);
    this.subjects = new ConsentedSubjects(engine, Objects.requireNonNull(consent, "consent"));
  }

  /**
   * Parses and runs a request.
   *
   * @param partnerId the requesting partner (authenticated by the caller)
   * @param collaborationId the collaboration
   * @param requestJson the request as strict JSON
   * @return the released result
   * @throws InvalidRequestException if the request is malformed
   * @throws QueryRefusedException if the rules refuse it
   */
  public QueryResult run(String partnerId, String collaborationId, byte[] requestJson) {
    return run(partnerId, collaborationId, RequestJson.parse(requestJson));
  }

  /**
   * Runs a request (see the class comment for each step).
   *
   * @param partnerId the requesting partner (authenticated by the caller)
   * @param collaborationId the collaboration
   * @param request the request
   * @return the released result, recorded on the ledger
   * @throws QueryRefusedException if the rules refuse it, or under differential privacy if the
   *     budget would be exceeded or the noise cannot be calibrated (nothing is computed or
   *     recorded)
   * @throws IllegalStateException if the ledger did not record the release (nothing is released),
   *     or a DP collaboration's budget cannot be rebuilt from the ledger
   */
  public QueryResult run(String partnerId, String collaborationId, AnalysisRequest request) {
    Objects.requireNonNull(request, "request");
    Collaboration c = collaborations.find(collaborationId).orElse(null);
    if (c == null || !c.isMember(partnerId)) {
      // The same refusal whether or not the collaboration exists: non-members learn nothing.
      throw new QueryRefusedException(
          new RuleViolation(
              Rule.NOT_A_MEMBER,
              "partner",
              "partner '"
                  + partnerId
                  + "' is not a member of collaboration '"
                  + collaborationId
                  + "'"));
    }
    Map<DatasetKey, DatasetDescription> latest = latestVersions(c, request);
    QueryPlan plan =
        switch (QueryPlanner.plan(partnerId, request, c, latest)) {
          case RuleViolation v -> throw new QueryRefusedException(v);
          case QueryPlan p -> p;
        };
    Optional<DpRules> dp = c.rules().dpRules();
    if (dp.isPresent()) {
      DpPlan noisy = DpPlan.of(plan, dp.get(), DpPlan.integerColumns(plan, latest), random);
      return budgets.locked(
          c, dp.get(), accountant -> runPrivately(partnerId, c, request, noisy, accountant));
    }
    ConsentAsOf asOf = new ConsentAsOf(c.purpose(), ledger.latest().checkpoint().size(), clock);
    AggregateResult result = aggregate(plan, plan::aggregation, asOf);
    Optional<String> matchRate =
        result.rows().isEmpty()
            ? Optional.empty()
            : matchRate(partnerId, plan, result.rows().getFirst().subjects(), asOf);
    List<OutputRow> rows = new ArrayList<>(result.rows().size());
    for (ResultRow r : result.rows()) {
      rows.add(new OutputRow(r.group(), r.subjects(), r.values()));
    }
    QueryOutput output =
        new QueryOutput(
            plan.kind(),
            plan.groupLabels(),
            plan.valueLabels(),
            rows,
            result.suppressedRows(),
            matchRate);
    return record(c, partnerId, request, output, asOf.ledgerSize(), Optional.empty());
  }

  /** The differentially private life of a query, under the collaboration's budget lock. */
  private QueryResult runPrivately(
      String partnerId,
      Collaboration c,
      AnalysisRequest request,
      DpPlan noisy,
      BudgetAccountant accountant) {
    SpendDecision.Spent spent =
        switch (accountant.trySpend(noisy.rules.perQueryCost())) {
          case SpendDecision.Refused r ->
              throw new QueryRefusedException(
                  new RuleViolation(
                      Rule.BUDGET_EXHAUSTED,
                      "collaboration",
                      "privacy budget of '"
                          + c.id()
                          + "' refuses the query: "
                          + r.reason()
                          + "; remaining ε "
                          + r.remaining()));
          case SpendDecision.Spent s -> s;
        };
    try {
      QueryPlan plan = noisy.plan;
      ConsentAsOf asOf = new ConsentAsOf(c.purpose(), ledger.latest().checkpoint().size(), clock);
      AggregateResult result = aggregate(plan, noisy::aggregation, asOf);
      DpRelease.Released released = DpRelease.release(noisy, result);
      Optional<String> matchRate =
          released.rows().isEmpty()
              ? Optional.empty()
              : matchRate(partnerId, plan, released.rows().getFirst().subjects(), asOf);
      ReleasePrivacy privacy =
          new ReleasePrivacy(
              noisy.rules.mechanism(),
              noisy.rules.perQuery(),
              released.statistics(),
              noisy.groupsPerSubject,
              plan.minSubjects(),
              released.selectionDelta(),
              spent.remaining());
      QueryOutput output =
          new QueryOutput(
              plan.kind(),
              plan.groupLabels(),
              plan.valueLabels(),
              released.rows(),
              released.suppressedRows(),
              matchRate,
              Optional.of(privacy));
      return record(
          c,
          partnerId,
          request,
          output,
          asOf.ledgerSize(),
          Optional.of(PrivacyJson.toJson(spent.release())));
    } catch (RuntimeException e) {
      // Nothing was released: forget the in-memory spend; the ledger's budget is the truth.
      budgets.invalidate(c.id());
      throw e;
    }
  }

  /**
   * Returns the ε left in a collaboration's current budget period, as its accountant (rebuilt from
   * the ledger on first use) sees it.
   *
   * @param collaborationId the collaboration
   * @return the remaining ε, or empty if the collaboration does not exist or has no DP rules
   * @throws IllegalStateException if the budget cannot be rebuilt from the ledger
   */
  public Optional<Rational> remainingBudget(String collaborationId) {
    Optional<Collaboration> c = collaborations.find(collaborationId);
    Optional<DpRules> dp = c.flatMap(x -> x.rules().dpRules());
    if (dp.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(budgets.locked(c.get(), dp.get(), BudgetAccountant::remaining));
  }

  /** The kept consented subjects (for tests). */
  ConsentedSubjects consentedSubjects() {
    return subjects;
  }

  /** For an overlap, the match-rate bucket of the released matched count. */
  private Optional<String> matchRate(
      String partnerId, QueryPlan plan, long matched, ConsentAsOf asOf) {
    if (plan.baselineTable().isEmpty()) {
      return Optional.empty();
    }
    AggregationPlan count =
        new AggregationPlan(
            List.of(plan.baselineTable().get()),
            Optional.empty(),
            List.of(),
            List.of(Aggregate.countSubjects()),
            0,
            0);
    long base =
        subjects
            .with(
                List.of(partnerId),
                asOf,
                set -> engine.aggregate(count.withSubjectFilter(Optional.of(set))))
            .rows()
            .getFirst()
            .subjects();
    // A noisy count can exceed the base; the bucket of the capped value is post-processing.
    return Optional.of(MatchRate.bucket(Math.min(Math.max(0, matched), base), base));
  }

  /** Appends the {@code query.released} entry and returns the result once it is durable. */
  private QueryResult record(
      Collaboration c,
      String partnerId,
      AnalysisRequest request,
      QueryOutput output,
      long consentSize,
      Optional<JsonObject> privacy) {
    String requestHash = request.hash();
    String outputDigest = output.digest();
    JsonObject.Builder body =
        JsonObject.builder()
            .put("collaboration", c.id())
            .put("partner", partnerId)
            .put("requestHash", requestHash)
            .put("purpose", c.purpose().wireName())
            .put("consentSize", consentSize)
            .put("outputDigest", outputDigest)
            .put("suppressed", output.suppressedRows());
    privacy.ifPresent(p -> body.put("privacy", p));
    long index;
    try {
      index = ledger.append(EntryType.QUERY_RELEASED, body.build()).join().index();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "query.released could not be recorded; the result is withheld", e.getCause());
    }
    return new QueryResult(output, requestHash, outputDigest, consentSize, index);
  }

  /** Looks up the latest version of each requested dataset that the collaboration includes. */
  private Map<DatasetKey, DatasetDescription> latestVersions(
      Collaboration c, AnalysisRequest request) {
    Map<DatasetKey, DatasetDescription> latest = new HashMap<>();
    for (DatasetKey d : request.datasets()) {
      if (c.rules().dataset(d).isPresent()) {
        datasets.latest(d).ifPresent(x -> latest.put(d, x));
      }
    }
    return latest;
  }

  /** Runs the plan over the subjects consented by every contributing partner, as of S. */
  private AggregateResult aggregate(
      QueryPlan plan, Function<String, AggregationPlan> toEngine, ConsentAsOf asOf) {
    return subjects.with(plan.contributors(), asOf, set -> engine.aggregate(toEngine.apply(set)));
  }
}
