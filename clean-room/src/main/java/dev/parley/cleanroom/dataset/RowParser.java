package dev.parley.cleanroom.dataset;

import dev.parley.cleanroom.identity.IdentifierKind;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates CSV records against a schema and moves valid rows into a {@link Batch}; pure logic.
 *
 * <p>Empty fields are missing values: a missing identifier is skipped when choosing the row's
 * subject (see {@link DatasetSchema}), a missing dimension or metric is stored as NULL. Values are
 * never trimmed. Each invalid row yields one {@link RowRejection} for its first bad field, in CSV
 * column order.
 */
final class RowParser {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
  private static final Pattern DECIMAL =
      Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,4})?");
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  private static final Pattern COLUMN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private enum Role {
    IDENTIFIER,
    DIMENSION,
    METRIC
  }

  private final DatasetSchema schema;
  private final String[] names;
  private final Role[] roles;
  private final int[] indexes;
  private final List<Set<String>> allowed = new ArrayList<>();
  private final byte[] scratch;
  private final boolean[] present;

  private RowParser(DatasetSchema schema, String[] names, Role[] roles, int[] indexes) {
    this.schema = schema;
    this.names = names;
    this.roles = roles;
    this.indexes = indexes;
    for (DimensionColumn d : schema.dimensions()) {
      allowed.add(d.allowed().<Set<String>>map(HashSet::new).orElse(null));
    }
    this.scratch = new byte[schema.identifiers().size() * IdentifierText.TOKEN_LENGTH];
    this.present = new boolean[schema.identifiers().size()];
  }

  /**
   * Checks a header against the schema: it must name exactly the schema's columns, in any order.
   *
   * @param schema the schema
   * @param header the header fields
   * @return the parser for the data rows
   * @throws DatasetUploadException listing every bad or missing header column (row 0)
   */
  static RowParser forHeader(DatasetSchema schema, List<String> header) {
    Map<String, Role> role = new HashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < schema.identifiers().size(); i++) {
      role.put(schema.identifiers().get(i).name(), Role.IDENTIFIER);
      index.put(schema.identifiers().get(i).name(), i);
    }
    for (int i = 0; i < schema.dimensions().size(); i++) {
      role.put(schema.dimensions().get(i).name(), Role.DIMENSION);
      index.put(schema.dimensions().get(i).name(), i);
    }
    for (int i = 0; i < schema.metrics().size(); i++) {
      role.put(schema.metrics().get(i).name(), Role.METRIC);
      index.put(schema.metrics().get(i).name(), schema.dimensions().size() + i);
    }
    List<RowRejection> problems = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (!role.containsKey(name)) {
        // Echo the field only if it looks like a column name: a file without a header row would
        // otherwise put identifier hashes into the message.
        boolean nameLike = COLUMN_NAME.matcher(name).matches();
        problems.add(
            new RowRejection(
                0,
                nameLike ? name : null,
                nameLike
                    ? "header field " + (i + 1) + " is not a column of dataset " + schema.name()
                    : "header field "
                        + (i + 1)
                        + " is not a column name; does the file lack a header row?"));
      } else if (!seen.add(name)) {
        problems.add(new RowRejection(0, name, "header names the column twice"));
      }
    }
    for (String column : schema.columnNames()) {
      if (!seen.contains(column)) {
        problems.add(new RowRejection(0, column, "missing from the header"));
      }
    }
    if (!problems.isEmpty()) {
      throw new DatasetUploadException(
          "the header does not match the schema of " + schema.name(), problems, problems.size());
    }
    String[] names = header.toArray(String[]::new);
    Role[] roles = new Role[names.length];
    int[] indexes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      roles[i] = role.get(names[i]);
      indexes[i] = index.get(names[i]);
    }
    return new RowParser(schema, names, roles, indexes);
  }

  /**
   * Parses the reader's current record as data row {@code row} into the next slot of {@code batch}.
   *
   * @return null if the row was added, else why it was rejected (the batch is unchanged)
   */
  RowRejection parse(CsvReader record, long row, Batch batch) {
    if (record.fieldCount() != names.length) {
      return new RowRejection(
          row, null, "row has " + record.fieldCount() + " fields; the header has " + names.length);
    }
    Arrays.fill(present, false);
    Object[] values = new Object[schema.dimensions().size() + schema.metrics().size()];
    try {
      for (int f = 0; f < names.length; f++) {
        int length = record.length(f);
        if (length == 0) {
          continue;
        }
        String problem =
            switch (roles[f]) {
              case IDENTIFIER -> identifier(record, f, indexes[f]);
              case DIMENSION -> dimension(record, f, indexes[f], values);
              case METRIC -> metric(record, f, indexes[f], values);
            };
        if (problem != null) {
          return new RowRejection(row, names[f], problem);
        }
      }
      int chosen = -1;
      for (int k = 0; k < present.length && chosen < 0; k++) {
        chosen = present[k] ? k : -1;
      }
      if (chosen < 0) {
        return new RowRejection(
            row,
            schema.identifiers().getFirst().name(),
            "no identifier: every identifier column ("
                + String.join(
                    ", ", schema.identifiers().stream().map(IdentifierColumn::name).toList())
                + ") is empty");
      }
      int slot = batch.size;
      int from = chosen * IdentifierText.TOKEN_LENGTH;
      var kind = schema.identifiers().get(chosen).type().hashedKind();
      if (kind.isPresent()) {
        System.arraycopy(
            scratch,
            from,
            batch.hashes,
            slot * IdentifierText.HASH_LENGTH,
            IdentifierText.HASH_LENGTH);
        batch.hashKinds[slot] = kind.get();
      } else {
        batch.tokens[slot] = Arrays.copyOfRange(scratch, from, from + IdentifierText.TOKEN_LENGTH);
      }
      batch.values[slot] = values;
      batch.size++;
      return null;
    } finally {
      Arrays.fill(scratch, (byte) 0);
    }
  }

  private String identifier(CsvReader r, int f, int k) {
    IdentifierType type = schema.identifiers().get(k).type();
    int at = k * IdentifierText.TOKEN_LENGTH;
    boolean ok;
    if (type == IdentifierType.TOKEN) {
      ok = IdentifierText.decodeToken(r.chars(), r.start(f), r.length(f), scratch, at);
      if (!ok) {
        return IdentifierText.tokenProblem(r.chars(), r.start(f), r.length(f));
      }
    } else {
      IdentifierKind kind = type.hashedKind().orElseThrow();
      ok = IdentifierText.decodeHash(r.chars(), r.start(f), r.length(f), scratch, at);
      if (!ok) {
        return IdentifierText.hashProblem(kind, r.chars(), r.start(f), r.length(f));
      }
    }
    present[k] = true;
    return null;
  }

  private String dimension(CsvReader r, int f, int d, Object[] values) {
    DimensionColumn column = schema.dimensions().get(d);
    if (r.length(f) > column.maxLength()) {
      return "longer than maxLength " + column.maxLength() + " (" + r.length(f) + " characters)";
    }
    String value = r.field(f);
    Set<String> only = allowed.get(d);
    if (only != null && !only.contains(value)) {
      return "not one of the " + only.size() + " allowed values";
    }
    values[d] = value;
    return null;
  }

  private String metric(CsvReader r, int f, int index, Object[] values) {
    MetricType type = schema.metrics().get(index - schema.dimensions().size()).type();
    String text = r.field(f);
    switch (type) {
      case INTEGER -> {
        if (!INTEGER.matcher(text).matches()) {
          return "not an integer: expected an optional '-' and 1-19 digits";
        }
        try {
          values[index] = Long.parseLong(text);
        } catch (NumberFormatException e) {
          return "integer out of the 64-bit range";
        }
      }
      case DECIMAL -> {
        if (!DECIMAL.matcher(text).matches()) {
          return "not a decimal number: expected e.g. -12.50 or 1.5e3";
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
          return "decimal number out of the double range";
        }
        values[index] = v + 0.0; // -0 is stored as 0
      }
      case DATE -> {
        var m = DATE.matcher(text);
        if (!m.matches()) {
          return "not a date: expected YYYY-MM-DD";
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1) {
          return "year must be 0001-9999";
        }
        try {
          values[index] =
              LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
          return "not a calendar date (month 01-12, day within the month)";
        }
      }
    }
    return null;
  }
}
