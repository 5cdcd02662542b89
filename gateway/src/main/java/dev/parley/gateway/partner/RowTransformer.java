package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.RowRejection;
import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.gateway.partner.LocalSchema.LocalIdentifier;
import dev.parley.gateway.partner.LocalSchema.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns rows of the partner's file into rows of the upload, on the partner's machine; pure logic.
 *
 * <p>Columns are put in the upload schema's order (identifiers, dimensions, metrics). Raw {@code
 * EMAIL} and {@code PHONE} values are normalized ({@link Normalizer}, UID2 rules) and hashed
 * (SHA-256, sent as hex), so raw identifiers never leave the machine; a value that cannot be
 * normalized rejects the row locally ({@link Rejected}, the reason never quotes the value). Other
 * values are passed through for the server to validate.
 *
 * <p>When blinding, the row's subject is chosen as the server would choose it: the first non-empty
 * identifier column in priority order. Its hash is returned for blinding ({@link NeedsToken}) and
 * the other identifier columns are emptied (every non-empty one is still checked locally), so the
 * server sees one token per row and no hash at all.
 */
final class RowTransformer {
  /** What became of one row. */
  sealed interface Result {}

  /**
   * A row ready to upload.
   *
   * @param fields the upload's fields
   */
  record Ready(List<String> fields) implements Result {}

  /**
   * A row whose identifier column {@code column} must get the token of {@code hash}.
   *
   * @param fields the upload's fields, that column still empty
   * @param column the index of the identifier column in {@code fields}
   * @param hash the identifier hash to blind
   */
  record NeedsToken(List<String> fields, int column, IdentifierHash hash) implements Result {}

  /**
   * A row rejected locally.
   *
   * @param rejection the source row, the column and why
   */
  record Rejected(RowRejection rejection) implements Result {}

  private final LocalSchema schema;
  private final List<String> header;
  private final int[] sourceIndex;
  private final int sourceWidth;

  /**
   * Checks the file's header against the schema: it must name exactly the schema's columns.
   *
   * @param schema the local schema
   * @param sourceHeader the file's column names
   * @throws IllegalArgumentException listing every unknown, duplicate and missing column
   */
  RowTransformer(LocalSchema schema, List<String> sourceHeader) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.header = schema.uploadSchema().columnNames();
    Map<String, Integer> at = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < sourceHeader.size(); i++) {
      String name = sourceHeader.get(i);
      if (!header.contains(name)) {
        problems.add("column " + (i + 1) + " is not in the schema");
      } else if (at.putIfAbsent(name, i) != null) {
        problems.add("column '" + name + "' appears twice");
      }
    }
    for (String name : header) {
      if (!at.containsKey(name)) {
        problems.add("column '" + name + "' is missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the file's header does not match the schema: " + String.join("; ", problems));
    }
    this.sourceIndex = header.stream().mapToInt(at::get).toArray();
    this.sourceWidth = sourceHeader.size();
  }

  /**
   * Returns the upload's header.
   *
   * @return the schema's column names, identifiers first
   */
  List<String> header() {
    return header;
  }

  /**
   * Transforms one row.
   *
   * @param row the 1-based data row in the file
   * @param values the row's values in file order
   * @return the row to upload, the hash to blind for it, or why it is rejected
   */
  Result transform(long row, List<String> values) {
    if (values.size() != sourceWidth) {
      return new Rejected(
          new RowRejection(
              row, null, "row has " + values.size() + " fields; the header has " + sourceWidth));
    }
    List<String> out = new ArrayList<>(header.size());
    for (int index : sourceIndex) {
      out.add(values.get(index));
    }
    int chosen = -1;
    IdentifierHash chosenHash = null;
    List<LocalIdentifier> ids = schema.identifiers();
    for (int k = 0; k < ids.size(); k++) {
      String value = out.get(k);
      if (value.isEmpty()) {
        continue;
      }
      Source source = ids.get(k).source();
      IdentifierHash hash = null;
      try {
        hash =
            switch (source) {
              case EMAIL -> IdentifierHash.of(Normalizer.normalizeEmail(value));
              case PHONE -> IdentifierHash.of(Normalizer.normalizePhone(value));
              case EMAIL_SHA256, PHONE_SHA256 ->
                  schema.blind() ? IdentifierHash.parse(source.kind(), value) : null;
              case TOKEN -> null;
            };
      } catch (IllegalArgumentException e) {
        return new Rejected(new RowRejection(row, ids.get(k).name(), e.getMessage()));
      }
      if (!schema.blind() && hash != null) {
        out.set(k, hash.toHex());
      }
      if (schema.blind() && chosen < 0) {
        chosen = k;
        chosenHash = hash;
      }
    }
    if (!schema.blind()) {
      return new Ready(out);
    }
    for (int k = 0; k < ids.size(); k++) {
      if (k != chosen) {
        out.set(k, "");
      }
    }
    if (chosen < 0 || chosenHash == null) {
      return new Ready(out); // no identifier (the server rejects the row), or a token as it is
    }
    out.set(chosen, "");
    return new NeedsToken(out, chosen, chosenHash);
  }
}
