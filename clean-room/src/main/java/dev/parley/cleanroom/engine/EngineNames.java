package dev.parley.cleanroom.engine;

import java.util.regex.Pattern;

/** Validation of the names the engine splices into SQL (tables, columns, token sets). */
public final class EngineNames {
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,299}");

  /** The implicit token column every table has; no {@link ColumnDef} may use this name. */
  public static final String TOKEN_COLUMN = "token";

  private EngineNames() {}

  /**
   * Returns {@code name} if it matches {@code [a-z][a-z0-9_]{0,62}}.
   *
   * @throws IllegalArgumentException naming {@code what} if it does not
   */
  public static String requireColumn(String what, String name) {
    if (name == null || !COLUMN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " must match [a-z][a-z0-9_]{0,62}, got " + describe(name));
    }
    return name;
  }

  /**
   * Returns {@code name} if it matches {@code [a-z][a-z0-9_]{0,299}} (tables and token sets).
   *
   * @throws IllegalArgumentException naming {@code what} if it does not
   */
  public static String requireTable(String what, String name) {
    if (name == null || !TABLE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " must match [a-z][a-z0-9_]{0,299}, got " + describe(name));
    }
    return name;
  }

  /** Returns {@code name} double-quoted for SQL; only call on already validated names. */
  static String quote(String name) {
    return '"' + name + '"';
  }

  private static String describe(String name) {
    if (name == null) {
      return "null";
    }
    return name.length() > 80 ? "a " + name.length() + "-character string" : "'" + name + "'";
  }
}
