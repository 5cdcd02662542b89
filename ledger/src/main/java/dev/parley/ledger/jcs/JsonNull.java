package dev.parley.ledger.jcs;

/** The JSON {@code null} literal; all instances are equal, {@link #INSTANCE} is the usual one. */
public record JsonNull() implements JsonValue {
  /** JSON {@code null}. */
  public static final JsonNull INSTANCE = new JsonNull();
}
