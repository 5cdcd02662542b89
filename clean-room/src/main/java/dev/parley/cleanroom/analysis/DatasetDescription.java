package dev.parley.cleanroom.analysis;

import dev.parley.cleanroom.collab.DatasetKey;
import dev.parley.cleanroom.dataset.DatasetVersion;
import dev.parley.cleanroom.engine.ColumnDef;
import dev.parley.cleanroom.engine.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The latest published version of a member dataset: its engine table and its schema.
 *
 * @param dataset the dataset
 * @param table the engine table of its latest version (owned by the dataset's partner)
 * @param columns the non-token columns of that version
 * @param identifiers the names of the version's identifier columns: tokenized at ingest and never
 *     stored, listed so that a request naming one is refused as an identifier
 */
public record DatasetDescription(
    DatasetKey dataset, TableRef table, List<ColumnDef> columns, Set<String> identifiers) {
  /** Validates that the table belongs to the dataset's partner. */
  public DatasetDescription {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(table, "table");
    if (!table.partnerId().equals(dataset.partner())) {
      throw new IllegalArgumentException(
          "table: owned by '" + table.partnerId() + "', not by " + dataset.label());
    }
    columns = List.copyOf(columns);
    identifiers = Set.copyOf(identifiers);
  }

  /**
   * Describes a dataset version from the upload service.
   *
   * @param version the version
   * @return its description
   */
  public static DatasetDescription of(DatasetVersion version) {
    Set<String> identifiers = new TreeSet<>();
    version.schema().identifiers().forEach(i -> identifiers.add(i.name()));
    return new DatasetDescription(
        new DatasetKey(version.partnerId(), version.dataset()),
        version.table(),
        version.columns(),
        identifiers);
  }

  /**
   * Looks a column up.
   *
   * @param name the column name
   * @return its definition, if the version has it
   */
  public Optional<ColumnDef> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
