package dev.parley.ledger.jcs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A JSON array: an immutable, ordered list of values (order is significant and kept by RFC 8785).
 *
 * @param elements the elements, in order; copied, never null, no null elements
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  /**
   * Copies and validates the elements.
   *
   * @throws NullPointerException naming the index of a null element
   */
  public JsonArray {
    Objects.requireNonNull(elements, "elements");
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) == null) {
        throw new NullPointerException("array element " + i + " is null; use JsonNull.INSTANCE");
      }
    }
    elements = List.copyOf(elements);
  }

  /**
   * Returns an array of the given values.
   *
   * @param elements the elements, in order
   * @return the array
   */
  public static JsonArray of(JsonValue... elements) {
    return new JsonArray(Arrays.asList(elements));
  }

  /**
   * Returns a builder for an array.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the number of elements.
   *
   * @return the size
   */
  public int size() {
    return elements.size();
  }

  /**
   * Returns one element.
   *
   * @param index the position
   * @return the element
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public JsonValue get(int index) {
    return elements.get(index);
  }

  /** Appends elements to a new array; not thread-safe, may be reused after {@link #build()}. */
  public static final class Builder {
    private final List<JsonValue> elements = new ArrayList<>();

    private Builder() {}

    /**
     * Appends a value.
     *
     * @param value the value, not null
     * @return this builder
     */
    public Builder add(JsonValue value) {
      elements.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Appends a string.
     *
     * @param value a well-formed string
     * @return this builder
     */
    public Builder add(String value) {
      return add(JsonString.of(value));
    }

    /**
     * Appends an integer.
     *
     * @param value an integer within ±(2^53-1)
     * @return this builder
     */
    public Builder add(long value) {
      return add(JsonNumber.of(value));
    }

    /**
     * Appends a number.
     *
     * @param value a finite double
     * @return this builder
     */
    public Builder add(double value) {
      return add(JsonNumber.of(value));
    }

    /**
     * Appends a boolean.
     *
     * @param value the boolean
     * @return this builder
     */
    public Builder add(boolean value) {
      return add(JsonBoolean.of(value));
    }

    /**
     * Appends {@code null}.
     *
     * @return this builder
     */
    public Builder addNull() {
      return add(JsonNull.INSTANCE);
    }

    /**
     * Returns the array built so far.
     *
     * @return an immutable array
     */
    public JsonArray build() {
      return new JsonArray(elements);
    }
  }
}
