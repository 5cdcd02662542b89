package dev.parley.cleanroom.engine;

import java.util.Objects;

/**
 * One non-token column of an engine table.
 *
 * @param name the column name, matching {@code [a-z][a-z0-9_]{0,62}} and not {@code token}
 * @param type the column's type
 */
public record ColumnDef(String name, ColumnType type) {
  /** Validates the name and type. */
  public ColumnDef {
    EngineNames.requireColumn("column name", name);
    if (name.equals(EngineNames.TOKEN_COLUMN)) {
      throw new IllegalArgumentException("column name 'token' is reserved for the token column");
    }
    Objects.requireNonNull(type, "type");
  }
}
