package dev.parley.cleanroom.collab;

import dev.parley.cleanroom.engine.AggregateKind;
import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.StrictJson;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An aggregate function analysis rules may allow, with its wire name in rules and requests.
 *
 * <p>Modeled on the aggregate functions of AWS Clean Rooms' aggregation analysis rule; {@code COUNT
 * DISTINCT} is always over subjects (tokens), never over a column, so it cannot enumerate values.
 */
public enum AggregateFunction {
  /** {@code COUNT(DISTINCT subject)}: every released row carries it. */
  COUNT_DISTINCT_SUBJECTS("count-distinct-subjects", AggregateKind.COUNT_SUBJECTS),
  /** Sum of a metric, each value clamped to the metric's declared bounds. */
  SUM("sum", AggregateKind.SUM),
  /** Mean of a metric, each value clamped to the metric's declared bounds. */
  AVG("avg", AggregateKind.AVG);

  private static final List<AggregateFunction> ALL = List.of(values());

  private final String wireName;
  private final AggregateKind kind;

  AggregateFunction(String wireName, AggregateKind kind) {
    this.wireName = wireName;
    this.kind = kind;
  }

  /**
   * Returns the name used in JSON.
   *
   * @return e.g. {@code sum}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the engine aggregate that computes this function.
   *
   * @return the kind
   */
  public AggregateKind kind() {
    return kind;
  }

  /**
   * Looks a function up by wire name.
   *
   * @param name e.g. {@code avg}
   * @return the function, if known
   */
  public static Optional<AggregateFunction> byWireName(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }

  /**
   * Looks a function up by wire name, failing with the field path.
   *
   * @param name the wire name
   * @param path the field to name in the error
   * @return the function
   * @throws InvalidFieldException if unknown
   */
  public static AggregateFunction parse(String name, String path) {
    return byWireName(name)
        .orElseThrow(
            () ->
                new InvalidFieldException(
                    path,
                    "unknown aggregate "
                        + StrictJson.quote(name)
                        + "; expected one of "
                        + ALL.stream().map(AggregateFunction::wireName).toList()));
  }
}
