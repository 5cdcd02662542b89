package dev.parley.cleanroom.dataset;

/**
 * A metric column: a number or date that analyses may aggregate (after clamping).
 *
 * @param name the column name, {@code [a-z][a-z0-9_]{0,62}}
 * @param type the value type
 */
public record MetricColumn(String name, MetricType type) {
  /**
   * Validates the fields.
   *
   * @throws SchemaException naming the field
   */
  public MetricColumn {
    SchemaJson.requireColumnName("name", name);
    if (type == null) {
      throw new SchemaException("type", "required");
    }
  }
}
