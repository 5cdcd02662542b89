package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.ColumnType;
import dev.parley.cleanroom.engine.EngineNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shape of a partner dataset: its name, identifier columns in priority order, dimension columns
 * and metric columns. Built by {@link #builder(String)} or parsed by {@link SchemaJson#parse}; both
 * validate everything and name the offending field.
 *
 * <p><b>Which identifier becomes the row's subject.</b> A row describes one subject, but partners
 * rarely hold the same identifier for every customer (an email for some, only a phone for others).
 * The row's token is taken from its <em>first non-empty identifier column in priority order</em>:
 * the rule is deterministic (the same row always yields the same token, so re-uploads and versions
 * agree), gives each row exactly one subject (a row is never counted twice under two tokens), and
 * lets the partner put its most reliable, most widely matched identifier first. Tokens of different
 * identifier types never match each other, so collaborators should agree on the priority order.
 * Every non-empty identifier of a row is still validated: a malformed value in any identifier
 * column rejects the row.
 *
 * @param name the dataset name, {@code [a-z][a-z0-9_-]{0,62}}
 * @param identifiers the identifier columns, highest priority first (1-16)
 * @param dimensions the dimension columns, in table order
 * @param metrics the metric columns, in table order
 */
public record DatasetSchema(
    String name,
    List<IdentifierColumn> identifiers,
    List<DimensionColumn> dimensions,
    List<MetricColumn> metrics) {
  /** The syntax of dataset names. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /** The most identifier columns a schema may have. */
  public static final int MAX_IDENTIFIERS = 16;

  /** The most columns of all kinds a schema may have. */
  public static final int MAX_COLUMNS = 1000;

  /**
   * Validates the schema.
   *
   * @throws SchemaException naming the offending field
   */
  public DatasetSchema {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SchemaException(
          "name", "must match [a-z][a-z0-9_-]{0,62}, got " + SchemaJson.describe(name));
    }
    identifiers = List.copyOf(Objects.requireNonNull(identifiers, "identifiers"));
    dimensions = List.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
    metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
    if (identifiers.isEmpty() || identifiers.size() > MAX_IDENTIFIERS) {
      throw new SchemaException(
          "identifiers",
          "must list 1-" + MAX_IDENTIFIERS + " identifier columns, got " + identifiers.size());
    }
    int total = identifiers.size() + dimensions.size() + metrics.size();
    if (total > MAX_COLUMNS) {
      throw new SchemaException("", "at most " + MAX_COLUMNS + " columns, got " + total);
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < identifiers.size(); i++) {
      unique(seen, identifiers.get(i).name(), "identifiers[" + i + "]");
    }
    for (int i = 0; i < dimensions.size(); i++) {
      unique(seen, dimensions.get(i).name(), "dimensions[" + i + "]");
    }
    for (int i = 0; i < metrics.size(); i++) {
      unique(seen, metrics.get(i).name(), "metrics[" + i + "]");
    }
  }

  private static void unique(Map<String, String> seen, String column, String where) {
    Objects.requireNonNull(column, where);
    if (column.equals(EngineNames.TOKEN_COLUMN)) {
      throw new SchemaException(where + ".name", "'token' is reserved for the subject token");
    }
    String first = seen.putIfAbsent(column, where);
    if (first != null) {
      throw new SchemaException(
          where + ".name", "duplicate column name '" + column + "' (also " + first + ")");
    }
  }

  /**
   * Starts a builder.
   *
   * @param name the dataset name
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns the engine columns of a version table: the dimensions, then the metrics (identifiers
   * are replaced by the implicit token column).
   *
   * @return the column definitions
   */
  public List<ColumnDef> columnDefs() {
    List<ColumnDef> out = new ArrayList<>();
    dimensions.forEach(d -> out.add(new ColumnDef(d.name(), ColumnType.DIMENSION)));
    metrics.forEach(m -> out.add(new ColumnDef(m.name(), m.type().columnType())));
    return List.copyOf(out);
  }

  /**
   * Returns every column name the CSV header must have: identifiers, dimensions, metrics.
   *
   * @return the names in schema order
   */
  public List<String> columnNames() {
    List<String> out = new ArrayList<>();
    identifiers.forEach(c -> out.add(c.name()));
    dimensions.forEach(c -> out.add(c.name()));
    metrics.forEach(c -> out.add(c.name()));
    return List.copyOf(out);
  }

  /** Collects columns for a new schema; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<IdentifierColumn> identifiers = new ArrayList<>();
    private final List<DimensionColumn> dimensions = new ArrayList<>();
    private final List<MetricColumn> metrics = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds an identifier column after the ones already added (lower priority).
     *
     * @param column the column name
     * @param type what it holds
     * @return this builder
     */
    public Builder identifier(String column, IdentifierType type) {
      identifiers.add(
          SchemaJson.at(
              "identifiers[" + identifiers.size() + "]", () -> new IdentifierColumn(column, type)));
      return this;
    }

    /**
     * Adds a dimension column with any value up to the default length.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder dimension(String column) {
      return dimension(
          SchemaJson.at("dimensions[" + dimensions.size() + "]", () -> DimensionColumn.of(column)));
    }

    /**
     * Adds a dimension column.
     *
     * @param column the column
     * @return this builder
     */
    public Builder dimension(DimensionColumn column) {
      dimensions.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Adds a metric column.
     *
     * @param column the column name
     * @param type its value type
     * @return this builder
     */
    public Builder metric(String column, MetricType type) {
      metrics.add(
          SchemaJson.at("metrics[" + metrics.size() + "]", () -> new MetricColumn(column, type)));
      return this;
    }

    /**
     * Builds the schema.
     *
     * @return the schema
     * @throws SchemaException naming the offending field
     */
    public DatasetSchema build() {
      return new DatasetSchema(name, identifiers, dimensions, metrics);
    }
  }
}
