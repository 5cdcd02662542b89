package dev.parley.cleanroom.engine;

import java.util.Objects;

/**
 * A published, immutable dataset-version table and the partner that owns it.
 *
 * @param table the engine table name, matching {@code [a-z][a-z0-9_]{0,299}}
 * @param partnerId the partner that owns the table
 */
public record TableRef(String table, String partnerId) {
  /** Validates the table name. */
  public TableRef {
    EngineNames.requireTable("table", table);
    Objects.requireNonNull(partnerId, "partnerId");
  }
}
