package dev.parley.cleanroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Test checks of which tokens the inner join of some tables holds, through the engine's public
 * behaviour only: aggregate subject counts, with and without a token set of candidates as the
 * subject filter (no engine operation returns tokens).
 *
 * <p>The join holds exactly the distinct tokens E iff it counts |E| subjects and |E| of them are in
 * E. Tokens are given as lowercase or uppercase hex.
 */
public final class JoinedTokens {
  private static final String PROBE = "test_joined_tokens_probe";

  private JoinedTokens() {}

  /** Returns the number of distinct tokens in the inner join of {@code inputs}. */
  public static long count(AnalyticEngine engine, List<TableRef> inputs) {
    return subjects(engine.aggregate(plan(inputs, Optional.empty())));
  }

  /** Returns how many of the distinct {@code candidates} (hex) are in the join of inputs. */
  private static long countAmong(
      AnalyticEngine engine, List<TableRef> inputs, Collection<String> candidates) {
    List<byte[]> tokens = new ArrayList<>();
    for (String hex : new LinkedHashSet<>(candidates)) {
      tokens.add(HexFormat.of().parseHex(hex));
    }
    engine.createTokenSet(PROBE, tokens.iterator());
    try {
      return subjects(engine.aggregate(plan(inputs, Optional.of(PROBE))));
    } finally {
      engine.dropTokenSet(PROBE);
    }
  }

  /** Asserts that the join of {@code inputs} holds exactly the distinct tokens {@code expected}. */
  public static void assertExactly(
      Collection<String> expected, AnalyticEngine engine, List<TableRef> inputs) {
    Set<String> distinct = new LinkedHashSet<>();
    expected.forEach(t -> distinct.add(t.toLowerCase(Locale.ROOT)));
    long all = count(engine, inputs);
    long among = countAmong(engine, inputs, distinct);
    assertEquals(
        describe(distinct.size(), distinct.size()), describe(all, among), "join of " + inputs);
  }

  private static String describe(long tokens, long expected) {
    return tokens + " tokens, " + expected + " of them expected";
  }

  /** Asserts that the joins {@code a} and {@code b} hold the same tokens. */
  public static void assertSame(AnalyticEngine engine, List<TableRef> a, List<TableRef> b) {
    List<TableRef> both = new ArrayList<>(a);
    both.addAll(b);
    long inA = count(engine, a);
    assertEquals(inA, count(engine, b), "token counts of " + a + " and " + b);
    assertEquals(inA, count(engine, both), "tokens " + a + " and " + b + " have in common");
  }

  /** The naive reference: the tokens (hex) present in every one of {@code tokenSets}. */
  public static Set<String> intersection(List<? extends Collection<String>> tokenSets) {
    Set<String> common = new LinkedHashSet<>(tokenSets.getFirst());
    for (Collection<String> s : tokenSets.subList(1, tokenSets.size())) {
      common.retainAll(s);
    }
    return common;
  }

  private static AggregationPlan plan(List<TableRef> inputs, Optional<String> filter) {
    return new AggregationPlan(inputs, filter, List.of(), List.of(Aggregate.countSubjects()), 0, 0);
  }

  private static long subjects(AggregateResult r) {
    assertEquals(1, r.rows().size(), "an aggregate without groupBy has exactly one row");
    return r.rows().getFirst().subjects();
  }
}
