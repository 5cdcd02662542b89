package dev.parley.cleanroom.engine;

import java.util.Objects;

/**
 * A small durable record kept in the engine's catalog, beside (and committed atomically with) the
 * tables it describes.
 *
 * @param kind the record family, matching {@code [a-z][a-z0-9_]{0,62}}
 * @param key the record's key within its kind: 1-1024 characters
 * @param value the record's content (JSON text by convention), at most 16 MiB characters
 */
public record CatalogRecord(String kind, String key, String value) {
  private static final int MAX_KEY = 1024;
  private static final int MAX_VALUE = 16 << 20;

  /** Validates the fields. */
  public CatalogRecord {
    EngineNames.requireColumn("catalog kind", kind);
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException(
          "catalog key must be 1-" + MAX_KEY + " characters, got " + key.length());
    }
    if (value.length() > MAX_VALUE) {
      throw new IllegalArgumentException(
          "catalog value must be at most " + MAX_VALUE + " characters, got " + value.length());
    }
  }
}
