package dev.parley.cleanroom.dataset;

/**
 * An identifier column of a dataset schema. Identifier values never reach storage: the row keeps
 * only the token derived from them.
 *
 * @param name the CSV column name, {@code [a-z][a-z0-9_]{0,62}}
 * @param type what the column holds
 */
public record IdentifierColumn(String name, IdentifierType type) {
  /**
   * Validates the fields.
   *
   * @throws SchemaException naming the field
   */
  public IdentifierColumn {
    SchemaJson.requireColumnName("name", name);
    if (type == null) {
      throw new SchemaException("type", "required");
    }
  }
}
