package dev.parley.cleanroom.engine;

/** A column type a dataset table holds, with the SQL type that stores it. */
public enum ColumnType {
  /** A categorical string value, stored as {@code VARCHAR}. */
  DIMENSION("VARCHAR"),
  /** A 64-bit integer, stored as {@code BIGINT}. */
  INTEGER("BIGINT"),
  /** A floating-point number, stored as {@code DOUBLE}. */
  DECIMAL("DOUBLE"),
  /** A calendar date, stored as {@code DATE}. */
  DATE("DATE");

  private final String sqlType;

  ColumnType(String sqlType) {
    this.sqlType = sqlType;
  }

  /** Returns the SQL type name the engine stores this column type as. */
  public String sqlType() {
    return sqlType;
  }
}
