package dev.parley.cleanroom.collab;

import static dev.parley.ledger.jcs.StrictJson.child;
import static dev.parley.ledger.jcs.StrictJson.object;
import static dev.parley.ledger.jcs.StrictJson.onlyFields;
import static dev.parley.ledger.jcs.StrictJson.string;

import dev.parley.cleanroom.dp.Mechanism;
import dev.parley.cleanroom.dp.PrivacyBudget;
import dev.parley.cleanroom.dp.QueryCost;
import dev.parley.cleanroom.dp.Rational;
import dev.parley.cleanroom.dp.RefreshPolicy;
import dev.parley.cleanroom.dp.ZcdpConversion;
import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.jcs.StrictJson;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A collaboration's differential-privacy rules: the {@code dp} object of its analysis rules.
 *
 * <pre>{@code
 * {"mechanism": "laplace", "budget": "10", "perQuery": "1", "refresh": "none",
 *  "maxGroupsPerSubject": 2}
 * {"mechanism": "gaussian", "budget": "10", "perQuery": "1/8", "delta": "1/1000000000",
 *  "refresh": "calendar-monthly", "maxGroupsPerSubject": 1}
 * }</pre>
 *
 * <p>Every amount is a string holding an exact rational ({@code p} or {@code p/q} in lowest terms,
 * {@link Rational#parse}), never a JSON number. {@code budget} is the total ε per period, 1 to 20
 * (the range AWS Clean Rooms Differential Privacy accepts). {@code perQuery} is what each query
 * costs: ε for {@code laplace} (pure ε-DP), ρ for {@code gaussian} (ρ-zCDP, converted to ε with
 * {@code delta}, which only {@code gaussian} takes). {@code refresh} is {@code none} (a lifetime
 * budget) or {@code calendar-monthly} (renewed at 00:00 UTC on the 1st; every renewal allows the
 * same loss again). {@code maxGroupsPerSubject} (L, 1 to {@value #MAX_GROUPS_PER_SUBJECT}) bounds
 * how many output groups one subject may contribute to, which sets the noise's sensitivity.
 *
 * @param mechanism the noise mechanism
 * @param budget total ε per period, in [1, 20]
 * @param perQuery ε (laplace) or ρ (gaussian) charged per query, positive, fitting the budget
 * @param delta δ for converting ρ to ε; present exactly for gaussian
 * @param refresh when the budget renews
 * @param maxGroupsPerSubject L, the most output groups one subject contributes to
 */
public record DpRules(
    Mechanism mechanism,
    Rational budget,
    Rational perQuery,
    Optional<Rational> delta,
    RefreshPolicy refresh,
    int maxGroupsPerSubject) {
  /** The largest L. */
  public static final int MAX_GROUPS_PER_SUBJECT = 100;

  private static final Set<String> FIELDS =
      Set.of("mechanism", "budget", "perQuery", "delta", "refresh", "maxGroupsPerSubject");

  /**
   * Validates the combination.
   *
   * @throws IllegalArgumentException naming the field ({@code budget}, {@code perQuery}, {@code
   *     delta}, {@code maxGroupsPerSubject}) that is out of range, missing or not allowed
   */
  public DpRules {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(perQuery, "perQuery");
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(refresh, "refresh");
    if (budget.compareTo(PrivacyBudget.MIN_EPSILON) < 0
        || budget.compareTo(PrivacyBudget.MAX_EPSILON) > 0) {
      throw new IllegalArgumentException("budget: must be from 1 to 20 (ε), got " + budget);
    }
    if (perQuery.signum() <= 0) {
      throw new IllegalArgumentException("perQuery: must be positive, got " + perQuery);
    }
    if (mechanism == Mechanism.LAPLACE && delta.isPresent()) {
      throw new IllegalArgumentException("delta: only the gaussian mechanism takes a delta");
    }
    if (mechanism == Mechanism.GAUSSIAN && delta.isEmpty()) {
      throw new IllegalArgumentException(
          "delta: required for the gaussian mechanism (to express ρ as ε)");
    }
    if (delta.isPresent()) {
      try {
        ZcdpConversion.forDelta(delta.get());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage(), e); // already "delta: ..."
      }
    }
    Rational perQueryEpsilon =
        mechanism == Mechanism.LAPLACE
            ? perQuery
            : ZcdpConversion.forDelta(delta.orElseThrow()).epsilonUpperBound(perQuery);
    if (perQueryEpsilon.compareTo(budget) > 0) {
      throw new IllegalArgumentException(
          "perQuery: one query costs ε "
              + perQueryEpsilon
              + (mechanism == Mechanism.GAUSSIAN ? " (ρ " + perQuery + " at delta)" : "")
              + ", more than the budget "
              + budget);
    }
    if (maxGroupsPerSubject < 1 || maxGroupsPerSubject > MAX_GROUPS_PER_SUBJECT) {
      throw new IllegalArgumentException(
          "maxGroupsPerSubject: must be from 1 to "
              + MAX_GROUPS_PER_SUBJECT
              + ", got "
              + maxGroupsPerSubject);
    }
  }

  /**
   * Returns the budget these rules describe, for the accountant and replays.
   *
   * @return the budget
   */
  public PrivacyBudget privacyBudget() {
    return new PrivacyBudget(budget, perQueryCost(), delta, refresh);
  }

  /**
   * Returns what one query costs.
   *
   * @return ε (laplace) or ρ (gaussian)
   */
  public QueryCost perQueryCost() {
    return QueryCost.of(mechanism, perQuery);
  }

  /**
   * Returns the JSON form (the rules' {@code dp} object).
   *
   * @return the object
   */
  public JsonObject toJson() {
    JsonObject.Builder b =
        JsonObject.builder()
            .put("mechanism", mechanism.wireName())
            .put("budget", budget.toString())
            .put("perQuery", perQuery.toString())
            .put("refresh", refresh.wireName())
            .put("maxGroupsPerSubject", maxGroupsPerSubject);
    delta.ifPresent(d -> b.put("delta", d.toString()));
    return b.build();
  }

  /**
   * Reads the rules' {@code dp} object, strictly: unknown members, JSON numbers for amounts and
   * non-canonical rationals are refused.
   *
   * @param value the JSON value
   * @param path its path, e.g. {@code rules.dp}
   * @return the rules
   * @throws InvalidFieldException naming the offending member, e.g. {@code dp.perQuery: not in
   *     lowest terms: "2/4" (write 1/2)}
   */
  public static DpRules fromJson(JsonValue value, String path) {
    JsonObject o = onlyFields(object(value, path), path, FIELDS);
    Mechanism mechanism = read(o, path, "mechanism", Mechanism::fromWireName);
    Rational budget = read(o, path, "budget", Rational::parse);
    Rational perQuery = read(o, path, "perQuery", Rational::parse);
    Optional<Rational> delta =
        StrictJson.optional(o, "delta").isPresent()
            ? Optional.of(read(o, path, "delta", Rational::parse))
            : Optional.empty();
    RefreshPolicy refresh = read(o, path, "refresh", RefreshPolicy::fromWireName);
    long groups = StrictJson.integer(o, path, "maxGroupsPerSubject", 1, MAX_GROUPS_PER_SUBJECT);
    try {
      return new DpRules(mechanism, budget, perQuery, delta, refresh, (int) groups);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(": ");
      if (colon > 0 && FIELDS.contains(message.substring(0, colon))) {
        throw new InvalidFieldException(
            child(path, message.substring(0, colon)), message.substring(colon + 2), e);
      }
      throw new InvalidFieldException(path, e);
    }
  }

  private interface Reader<T> {
    T read(String text);
  }

  private static <T> T read(JsonObject o, String path, String name, Reader<T> reader) {
    String p = child(path, name);
    String text = string(StrictJson.required(o, path, name), p);
    try {
      return reader.read(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(p, String.valueOf(e.getMessage()), e);
    }
  }
}
