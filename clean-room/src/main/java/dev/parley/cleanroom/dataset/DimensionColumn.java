package dev.parley.cleanroom.dataset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A dimension column: a categorical string that analyses may group by.
 *
 * @param name the column name, {@code [a-z][a-z0-9_]{0,62}}
 * @param allowed the only values the column may take, if restricted (1-10,000 distinct values)
 * @param maxLength the most characters (UTF-16 code units) a value may have, 1-4096
 */
public record DimensionColumn(String name, Optional<List<String>> allowed, int maxLength) {
  /** The default {@code maxLength}. */
  public static final int DEFAULT_MAX_LENGTH = 256;

  /** The largest {@code maxLength}. */
  public static final int MAX_LENGTH = 4096;

  /** The most allowed values a dimension may list. */
  public static final int MAX_ALLOWED = 10_000;

  /**
   * Validates the fields and copies the allowed list.
   *
   * @throws SchemaException naming the field ({@code name}, {@code maxLength}, {@code allowed[i]})
   */
  public DimensionColumn {
    SchemaJson.requireColumnName("name", name);
    Objects.requireNonNull(allowed, "allowed");
    if (maxLength < 1 || maxLength > MAX_LENGTH) {
      throw new SchemaException("maxLength", "must be 1-" + MAX_LENGTH + ", got " + maxLength);
    }
    if (allowed.isPresent()) {
      List<String> values = allowed.get();
      if (values.isEmpty() || values.size() > MAX_ALLOWED) {
        throw new SchemaException(
            "allowed", "must list 1-" + MAX_ALLOWED + " values, got " + values.size());
      }
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (v == null || v.isEmpty() || v.length() > maxLength) {
          throw new SchemaException(
              "allowed[" + i + "]", "must be 1-" + maxLength + " characters (maxLength)");
        }
        if (!seen.add(v)) {
          throw new SchemaException("allowed[" + i + "]", "duplicate value");
        }
      }
      allowed = Optional.of(List.copyOf(new ArrayList<>(seen)));
    }
  }

  /**
   * A dimension with any value up to {@link #DEFAULT_MAX_LENGTH} characters.
   *
   * @param name the column name
   * @return the column
   */
  public static DimensionColumn of(String name) {
    return new DimensionColumn(name, Optional.empty(), DEFAULT_MAX_LENGTH);
  }

  /**
   * A dimension restricted to the given values.
   *
   * @param name the column name
   * @param allowed the allowed values
   * @return the column
   */
  public static DimensionColumn of(String name, List<String> allowed) {
    return new DimensionColumn(name, Optional.of(allowed), DEFAULT_MAX_LENGTH);
  }
}
