package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.analysis.RuleViolation.Rule;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.cleanroom.collab.CollaborationService;
import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AnalyticEngine;
import dev.parley.cleanroom.engine.ResultRow;
import dev.parley.cleanroom.engine.TableRef;
import dev.parley.consent.store.ConsentStore;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.store.LedgerStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs consent-enforced aggregate queries in collaborations and records each release on the ledger.
 *
 * <p>Life of a query ({@link #run}): (1) the requester must be a member of an active collaboration,
 * and the request is planned against its rules and the latest published dataset versions ({@link
 * QueryPlanner}); a refusal throws {@link QueryRefusedException} before any data is read. (2) The
 * ledger size S is fixed. (3) The distinct tokens of the join are streamed and the consent store
 * asked, per batch and per contributing partner, whether each has active consent for the
 * collaboration's purpose among the decisions at ledger indexes below S; the intersection is loaded
 * as a token set. (4) The engine aggregates over those subjects only, suppressing groups with fewer
 * than k distinct subjects (they are counted, never returned). (5) For an overlap, the requester's
 * own consented subjects give the match-rate bucket. (6) A {@code query.released} entry
 * (collaboration, partner, request hash, purpose, S, output digest, suppressed count) is appended
 * and awaited; only then is the result returned. If the ledger fails, nothing is returned.
 *
 * <p>Tokens never leave: they flow only from the engine to the consent index and back into the
 * engine as a token set, which is dropped after the query.
 */
public final class QueryService {
  private final CollaborationService collaborations;
  private final DatasetCatalog datasets;
  private final AnalyticEngine engine;
  private final ConsentStore consent;
  private final LedgerStore ledger;
  private final Clock clock;
  private final String setPrefix;
  private final AtomicLong sequence = new AtomicLong();

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
    this.collaborations = Objects.requireNonNull(collaborations, "collaborations");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.consent = Objects.requireNonNull(consent, "consent");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    byte[] r = new byte[6];
    new SecureRandom().nextBytes(r);
    this.setPrefix = "consented_" + HexFormat.of().formatHex(r) + "_";
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
   * @throws QueryRefusedException if the rules refuse it (nothing is computed or recorded)
   * @throws IllegalStateException if the ledger did not record the release (nothing is released)
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
    QueryPlan plan =
        switch (QueryPlanner.plan(partnerId, request, c, latestVersions(c, request))) {
          case RuleViolation v -> throw new QueryRefusedException(v);
          case QueryPlan p -> p;
        };
    long consentSize = ledger.latest().checkpoint().size();
    Instant now = clock.instant();
    ConsentFilter.Oracle oracle =
        (tokens, partner) -> consent.activeConsent(tokens, partner, c.purpose(), consentSize, now);

    AggregateResult result = aggregate(plan, oracle);
    Optional<String> matchRate = Optional.empty();
    if (plan.baselineTable().isPresent() && !result.rows().isEmpty()) {
      TableRef own = plan.baselineTable().get();
      long base =
          ConsentFilter.consented(
                  sink -> engine.forEachJoinedToken(List.of(own), sink),
                  List.of(partnerId),
                  oracle,
                  ConsentFilter.BATCH)
              .size();
      matchRate = Optional.of(MatchRate.bucket(result.rows().getFirst().subjects(), base));
    }
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
    String requestHash = request.hash();
    String outputDigest = output.digest();
    JsonObject body =
        JsonObject.builder()
            .put("collaboration", c.id())
            .put("partner", partnerId)
            .put("requestHash", requestHash)
            .put("purpose", c.purpose().wireName())
            .put("consentSize", consentSize)
            .put("outputDigest", outputDigest)
            .put("suppressed", result.suppressedRows())
            .build();
    long index;
    try {
      index = ledger.append(EntryType.QUERY_RELEASED, body).join().index();
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

  private AggregateResult aggregate(QueryPlan plan, ConsentFilter.Oracle oracle) {
    String set = setPrefix + sequence.incrementAndGet();
    try {
      TokenBuffer subjects =
          ConsentFilter.consented(
              sink -> engine.forEachJoinedToken(plan.inputs(), sink),
              plan.contributors(),
              oracle,
              ConsentFilter.BATCH);
      engine.createTokenSet(set, subjects.iterator());
      return engine.aggregate(plan.aggregation(set));
    } finally {
      engine.dropTokenSet(set);
    }
  }
}
