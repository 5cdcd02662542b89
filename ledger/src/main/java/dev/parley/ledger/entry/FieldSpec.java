package dev.parley.ledger.entry;

import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.Set;

/**
 * One field of an entry body: its name, shape, whether it is required, and (for names) the values
 * allowed.
 *
 * @param name the JSON member name
 * @param kind the value shape
 * @param required whether the member must be present
 * @param allowed if non-empty, the only string values accepted
 */
public record FieldSpec(String name, FieldKind kind, boolean required, Set<String> allowed) {
  /** Copies {@code allowed}. */
  public FieldSpec {
    allowed = Set.copyOf(allowed);
  }

  /**
   * A required field.
   *
   * @param name the member name
   * @param kind the shape
   * @return the spec
   */
  public static FieldSpec required(String name, FieldKind kind) {
    return new FieldSpec(name, kind, true, Set.of());
  }

  /**
   * An optional field.
   *
   * @param name the member name
   * @param kind the shape
   * @return the spec
   */
  public static FieldSpec optional(String name, FieldKind kind) {
    return new FieldSpec(name, kind, false, Set.of());
  }

  /**
   * A required name restricted to fixed values.
   *
   * @param name the member name
   * @param values the allowed values
   * @return the spec
   */
  public static FieldSpec oneOf(String name, String... values) {
    return new FieldSpec(name, FieldKind.NAME, true, Set.of(values));
  }

  /**
   * Checks a value against this spec.
   *
   * @param value the member value
   * @return null if valid, else the reason
   */
  String check(JsonValue value) {
    String problem = kind.check(value);
    if (problem == null && !allowed.isEmpty() && !allowed.contains(((JsonString) value).value())) {
      return "must be one of " + new java.util.TreeSet<>(allowed);
    }
    return problem;
  }
}
