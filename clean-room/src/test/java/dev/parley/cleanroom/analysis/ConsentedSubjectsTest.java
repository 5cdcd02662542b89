package dev.parley.cleanroom.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.engine.Aggregate;
import dev.parley.cleanroom.engine.AggregateResult;
import dev.parley.cleanroom.engine.AggregationPlan;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnRef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.DuckDbEngine;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consent-set path (one read of the index, a kept token set) against the old per-token path as
 * the reference model: the joined subjects (intersected here from the rows each table was given),
 * each asked per partner, the intersection loaded as a token set. Random grants, refusals,
 * withdrawals, expiries and erasures over three partners, questions at random ledger sizes and
 * instants, between changes or not.
 */
class ConsentedSubjectsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Purpose PURPOSE = Purpose.AUDIENCE_INSIGHTS;
  private static final List<String> PARTNERS = List.of("a", "b", "c");
  private static final int SUBJECTS = 90;

  private LedgerStore ledger;
  private ConsentStore consent;
  private DuckDbEngine engine;

  /** The subjects appended to each partner's table, by partner. */
  private final Map<String, Set<Integer>> members = new HashMap<>();

  @BeforeEach
  void setUp(@TempDir Path data) throws Exception {
    ledger = LedgerStore.open(LedgerOptions.builder(data.resolve("ledger")).build());
    consent = ConsentStore.open(data, new LedgerJournal(ledger));
    for (String p : PARTNERS) {
      consent.registerPartner(Partner.of(p, p.toUpperCase(java.util.Locale.ROOT)));
    }
    engine = DuckDbEngine.open(data);
    Random r = new Random(5);
    for (String p : PARTNERS) {
      List<ColumnDef> columns = List.of(new ColumnDef("segment", ColumnType.DIMENSION));
      Set<Integer> appended = new TreeSet<>();
      try (TableWriter w = engine.createTable(p + "_t", columns)) {
        for (int i = 0; i < SUBJECTS; i++) {
          if (r.nextInt(5) > 0) {
            w.append(Scenario.token(i), new Object[] {"s" + (i % 4)});
            appended.add(i);
          }
        }
        w.commit();
      }
      members.put(p, appended);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    consent.close();
    ledger.close();
  }

  private static ConsentDecision decision(
      int subject, String partner, ConsentStatus status, Instant expires) {
    return ConsentDecision.builder()
        .subject(SubjectToken.of(Scenario.token(subject)))
        .partner(partner)
        .status(status)
        .time(T0)
        .source(ConsentSource.CONSENT_CENTER)
        .policyVersion("v1")
        .purpose(PURPOSE)
        .expires(expires)
        .build();
  }

  private static AggregationPlan plan(List<String> partners, long k) {
    List<TableRef> inputs = new ArrayList<>();
    partners.forEach(p -> inputs.add(new TableRef(p + "_t", p)));
    return new AggregationPlan(
        inputs,
        Optional.empty(),
        List.of(new ColumnRef(0, "segment")),
        List.of(Aggregate.countSubjects()),
        0,
        k);
  }

  /** The old path, kept here as the reference model. */
  private AggregateResult perToken(AggregationPlan plan, List<String> partners, ConsentAsOf asOf) {
    Set<Integer> common = new TreeSet<>(members.get(partners.getFirst()));
    partners.forEach(p -> common.retainAll(members.get(p)));
    List<SubjectToken> joined = new ArrayList<>();
    common.forEach(i -> joined.add(SubjectToken.of(Scenario.token(i))));
    BitSet keep = new BitSet();
    keep.set(0, joined.size());
    for (String p : partners) {
      keep.and(consent.activeConsent(joined, p, PURPOSE, asOf.ledgerSize(), asOf.now()));
    }
    List<byte[]> kept = new ArrayList<>();
    keep.stream().forEach(i -> kept.add(joined.get(i).bytes()));
    engine.createTokenSet("reference", kept.iterator());
    try {
      return engine.aggregate(plan.withSubjectFilter(Optional.of("reference")));
    } finally {
      engine.dropTokenSet("reference");
    }
  }

  private void randomChanges(Random r, int n) {
    for (int i = 0; i < n; i++) {
      int s = r.nextInt(SUBJECTS);
      if (r.nextInt(40) == 0) {
        consent.erase(SubjectToken.of(Scenario.token(s)));
        continue;
      }
      String p = PARTNERS.get(r.nextInt(PARTNERS.size()));
      int kind = r.nextInt(10);
      if (kind < 6) {
        Instant expires = r.nextInt(3) == 0 ? T0.plusSeconds(60 + r.nextInt(3600)) : null;
        consent.record(decision(s, p, ConsentStatus.GIVEN, expires));
      } else if (kind < 9) {
        consent.record(decision(s, p, ConsentStatus.WITHDRAWN, null));
      } else {
        consent.record(decision(s, p, ConsentStatus.REFUSED, null));
      }
    }
  }

  @Test
  void with_randomHistoryAndQuestions_sameResultAsPerTokenPath() {
    Random r = new Random(20261123);
    ConsentedSubjects subjects = new ConsentedSubjects(engine, consent);
    List<ConsentDecision> grants = new ArrayList<>();
    for (int i = 0; i < SUBJECTS; i++) {
      for (String p : PARTNERS) {
        if (r.nextInt(10) < 8) {
          grants.add(decision(i, p, ConsentStatus.GIVEN, null));
        }
      }
    }
    consent.importBulk(grants);
    List<List<String>> questions =
        List.of(List.of("a"), List.of("a", "b"), List.of("b", "c"), List.of("a", "b", "c"));
    int compared = 0;
    int nonEmpty = 0;
    long reused = 0;
    for (int step = 0; step < 40; step++) {
      if (r.nextInt(3) == 0) {
        randomChanges(r, 1 + r.nextInt(6));
      }
      long size = ledger.latest().checkpoint().size();
      for (int q = 0; q < 3; q++) {
        List<String> partners = questions.get(r.nextInt(questions.size()));
        long asOfSize = r.nextInt(4) == 0 ? 1 + r.nextInt((int) size) : size;
        Instant now = T0.plusSeconds(r.nextInt(4000));
        ConsentAsOf asOf = new ConsentAsOf(PURPOSE, asOfSize, now);
        AggregationPlan plan = plan(partners, r.nextInt(3) == 0 ? 8 : 0);
        long loadsBefore = subjects.loads();
        AggregateResult got =
            subjects.with(
                partners, asOf, set -> engine.aggregate(plan.withSubjectFilter(Optional.of(set))));
        reused += subjects.loads() == loadsBefore ? 1 : 0;
        AggregateResult expected = perToken(plan, partners, asOf);
        assertEquals(expected, got, "step " + step + " " + partners + " S=" + asOfSize);
        compared++;
        nonEmpty += expected.rows().isEmpty() ? 0 : 1;
      }
    }
    assertEquals(120, compared);
    assertTrue(nonEmpty > 60, "most questions count someone: " + nonEmpty);
    assertTrue(reused > 5, "unchanged consent reuses a kept set: " + reused);
    assertTrue(subjects.names().size() <= ConsentedSubjects.KEPT);
  }

  @Test
  void with_unchangedConsent_reusesThenWithdrawalAndExpiryReload() {
    ConsentedSubjects subjects = new ConsentedSubjects(engine, consent);
    List<ConsentDecision> grants = new ArrayList<>();
    for (int i = 0; i < SUBJECTS; i++) {
      grants.add(decision(i, "a", ConsentStatus.GIVEN, i == 3 ? T0.plusSeconds(600) : null));
    }
    consent.importBulk(grants);
    AggregationPlan plan = plan(List.of("a"), 0);
    long[] counts = new long[1];
    Set<String> names = new HashSet<>();
    java.util.function.BiFunction<Long, Instant, Long> count =
        (size, now) ->
            subjects.with(
                List.of("a"),
                new ConsentAsOf(PURPOSE, size, now),
                set -> {
                  names.add(set);
                  counts[0]++;
                  return engine.aggregate(plan.withSubjectFilter(Optional.of(set))).rows().stream()
                      .mapToLong(row -> row.subjects())
                      .sum();
                });
    long size = ledger.latest().checkpoint().size();
    long all = count.apply(size, T0);
    assertEquals(all, count.apply(size + 5, T0.plusSeconds(10)), "a later S and now");
    assertEquals(1, subjects.loads(), "read once");
    consent.record(decision(7, "a", ConsentStatus.WITHDRAWN, null));
    long afterWithdrawal = count.apply(ledger.latest().checkpoint().size(), T0.plusSeconds(20));
    assertEquals(2, subjects.loads());
    assertEquals(all - (plan.inputs().isEmpty() ? 0 : inTable("a", 7)), afterWithdrawal);
    long afterExpiry = count.apply(ledger.latest().checkpoint().size(), T0.plusSeconds(600));
    assertEquals(3, subjects.loads(), "an admitting decision expired");
    assertEquals(afterWithdrawal - inTable("a", 3), afterExpiry);
    assertEquals(1, subjects.names().size(), "the stale sets were dropped");
    assertEquals(4, counts[0]);
    assertEquals(3, names.size());
  }

  @Test
  void with_concurrentQueriesAndWithdrawals_neverLosesASetInUse() throws Exception {
    ConsentedSubjects subjects = new ConsentedSubjects(engine, consent);
    List<ConsentDecision> grants = new ArrayList<>();
    for (int i = 0; i < SUBJECTS; i++) {
      for (String p : PARTNERS) {
        grants.add(decision(i, p, ConsentStatus.GIVEN, null));
      }
    }
    consent.importBulk(grants);
    AggregationPlan plan = plan(List.of("a", "b"), 0);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Long>> counts = new ArrayList<>();
      for (int q = 0; q < 60; q++) {
        List<String> partners = q % 3 == 0 ? List.of("a") : List.of("a", "b");
        counts.add(
            pool.submit(
                () ->
                    subjects.with(
                        partners,
                        new ConsentAsOf(PURPOSE, ledger.latest().checkpoint().size(), T0),
                        set ->
                            engine
                                .aggregate(plan.withSubjectFilter(Optional.of(set)))
                                .rows()
                                .stream()
                                .mapToLong(row -> row.subjects())
                                .sum())));
        if (q % 10 == 5) {
          consent.record(decision(q, "b", ConsentStatus.WITHDRAWN, null));
        }
      }
      for (java.util.concurrent.Future<Long> f : counts) {
        long n = f.get(); // a set dropped while in use would fail its aggregation here
        assertTrue(n > 0 && n <= SUBJECTS, "count " + n);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(subjects.names().size() <= 2, "one kept set per question");
  }

  /** 1 if subject {@code i} is in partner {@code p}'s table, else 0. */
  private long inTable(String p, int i) {
    return members.get(p).contains(i) ? 1 : 0;
  }
}
