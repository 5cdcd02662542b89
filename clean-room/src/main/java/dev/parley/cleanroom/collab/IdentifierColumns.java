package dev.parley.cleanroom.collab;

import dev.parley.cleanroom.engine.EngineNames;
import java.util.Set;

/**
 * Column names that hold or denote a person's identifier and so may never be a dimension or a
 * metric, in rules or in requests.
 *
 * <p>The engine's implicit {@code token} column is the join key and nothing else: grouping by it
 * would release one row per person. The other names are the direct identifiers a partner might
 * carry beside the token by mistake (hashed or not); refusing them by name is a second line of
 * defence after tokenization, which drops the raw identifiers at ingest.
 */
public final class IdentifierColumns {
  /** The reserved names. */
  public static final Set<String> NAMES =
      Set.of(
          EngineNames.TOKEN_COLUMN,
          "tokens",
          "subject",
          "subject_id",
          "identifier",
          "email",
          "email_hash",
          "hashed_email",
          "phone",
          "phone_hash",
          "hashed_phone",
          "uid2",
          "euid",
          "device_id",
          "maid",
          "idfa",
          "gaid",
          "ip",
          "ip_address",
          "user_id",
          "customer_id");

  private IdentifierColumns() {}

  /**
   * Tells whether a column name denotes an identifier.
   *
   * @param column a column name
   * @return true if it is reserved
   */
  public static boolean isIdentifier(String column) {
    return NAMES.contains(column);
  }

  /**
   * Checks that a name is a valid column name that may be analysed.
   *
   * @param column the name
   * @param where what to name in the error
   * @return {@code column}
   * @throws IllegalArgumentException if the syntax is wrong or the name denotes an identifier
   */
  public static String requireAnalysable(String column, String where) {
    EngineNames.requireColumn(where, column);
    if (isIdentifier(column)) {
      throw new IllegalArgumentException(
          where + ": '" + column + "' is an identifier column and can never be analysed");
    }
    return column;
  }
}
