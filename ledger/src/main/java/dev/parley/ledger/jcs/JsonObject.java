package dev.parley.ledger.jcs;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A JSON object: an immutable map from property names to values, kept in canonical order.
 *
 * <p>Members are stored sorted by {@link String#compareTo}, which compares UTF-16 code units as
 * unsigned 16-bit integers: exactly the order RFC 8785 §3.2.3 prescribes ("sorted ... by comparing
 * their property name strings as arrays of UTF-16 code units"). Iterating {@link #members()}
 * therefore visits properties in canonical order, and insertion order is not kept. Property names
 * are unique by construction; {@link Builder} and {@link Jcs#parse} reject duplicates rather than
 * letting one silently win.
 *
 * @param members the members in canonical order; an unmodifiable copy
 */
public record JsonObject(SortedMap<String, JsonValue> members) implements JsonValue {
  /**
   * Copies the members into canonical order and validates them.
   *
   * @throws IllegalArgumentException if a property name has an unpaired surrogate or a noncharacter
   * @throws NullPointerException if a name or value is null
   */
  public JsonObject {
    TreeMap<String, JsonValue> copy = new TreeMap<>(); // natural order, whatever members used
    for (Map.Entry<String, JsonValue> e : members.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "property name");
      Utf16.requireValid(name, "property name");
      copy.put(name, Objects.requireNonNull(e.getValue(), () -> "value of property " + name));
    }
    members = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Returns an object with the given members.
   *
   * @param members names and values (any map; its order is irrelevant)
   * @return the object
   */
  public static JsonObject of(Map<String, ? extends JsonValue> members) {
    return new JsonObject(new TreeMap<>(members));
  }

  /**
   * Returns a builder for an object.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the value of a property, if present.
   *
   * @param name the property name
   * @return the value, or empty
   */
  public Optional<JsonValue> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /**
   * Returns a string property.
   *
   * @param name the property name
   * @return its string value
   * @throws IllegalArgumentException if the property is missing or not a string
   */
  public String getString(String name) {
    return require(name, JsonString.class, "a string").value();
  }

  /**
   * Returns an integer property.
   *
   * @param name the property name
   * @return its exact integer value
   * @throws IllegalArgumentException if the property is missing or not a number
   * @throws ArithmeticException if the number is not an integer within ±(2^53-1)
   */
  public long getLong(String name) {
    return require(name, JsonNumber.class, "a number").longValue();
  }

  /**
   * Returns a boolean property.
   *
   * @param name the property name
   * @return its value
   * @throws IllegalArgumentException if the property is missing or not a boolean
   */
  public boolean getBoolean(String name) {
    return require(name, JsonBoolean.class, "a boolean").value();
  }

  /**
   * Returns an object property.
   *
   * @param name the property name
   * @return its value
   * @throws IllegalArgumentException if the property is missing or not an object
   */
  public JsonObject getObject(String name) {
    return require(name, JsonObject.class, "an object");
  }

  /**
   * Returns an array property.
   *
   * @param name the property name
   * @return its value
   * @throws IllegalArgumentException if the property is missing or not an array
   */
  public JsonArray getArray(String name) {
    return require(name, JsonArray.class, "an array");
  }

  private <T extends JsonValue> T require(String name, Class<T> type, String description) {
    JsonValue value = members.get(name);
    if (value == null) {
      throw new IllegalArgumentException("property \"" + name + "\" is missing");
    }
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "property \"" + name + "\" must be " + description + ", got " + value.kind());
    }
    return type.cast(value);
  }

  /**
   * Collects members for a new object; not thread-safe, may be reused after {@link #build()}.
   *
   * <p>For example {@code JsonObject.builder().put("type", "x").put("size", 5L).build()}.
   */
  public static final class Builder {
    private final TreeMap<String, JsonValue> members = new TreeMap<>();

    private Builder() {}

    /**
     * Adds a member.
     *
     * @param name the property name, well-formed and not yet used in this builder
     * @param value the value, not null
     * @return this builder
     * @throws IllegalArgumentException if {@code name} was already added (RFC 8785 §3.1 and RFC
     *     7493 §2.3 forbid duplicate names) or has an unpaired surrogate or a noncharacter
     */
    public Builder put(String name, JsonValue value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, () -> "value of property " + name);
      Utf16.requireValid(name, "property name");
      if (members.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("duplicate property name \"" + name + "\"");
      }
      return this;
    }

    /**
     * Adds a string member.
     *
     * @param name the property name
     * @param value a well-formed string
     * @return this builder
     */
    public Builder put(String name, String value) {
      return put(name, JsonString.of(value));
    }

    /**
     * Adds an integer member.
     *
     * @param name the property name
     * @param value an integer within ±(2^53-1)
     * @return this builder
     */
    public Builder put(String name, long value) {
      return put(name, JsonNumber.of(value));
    }

    /**
     * Adds a number member.
     *
     * @param name the property name
     * @param value a finite double
     * @return this builder
     */
    public Builder put(String name, double value) {
      return put(name, JsonNumber.of(value));
    }

    /**
     * Adds a boolean member.
     *
     * @param name the property name
     * @param value the boolean
     * @return this builder
     */
    public Builder put(String name, boolean value) {
      return put(name, JsonBoolean.of(value));
    }

    /**
     * Adds a {@code null} member.
     *
     * @param name the property name
     * @return this builder
     */
    public Builder putNull(String name) {
      return put(name, JsonNull.INSTANCE);
    }

    /**
     * Returns the object built so far.
     *
     * @return an immutable object
     */
    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
