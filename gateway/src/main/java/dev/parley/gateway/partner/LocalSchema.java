package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.DatasetSchema;
import dev.parley.cleanroom.dataset.IdentifierType;
import dev.parley.cleanroom.dataset.SchemaException;
import dev.parley.cleanroom.dataset.SchemaJson;
import dev.parley.cleanroom.identity.IdentifierKind;
import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partner's local schema file: a dataset schema ({@link SchemaJson}) whose identifier columns
 * may also be of the local types {@code EMAIL} and {@code PHONE}, raw addresses and numbers that
 * the command line normalizes (UID2 rules) and hashes on the partner's machine, so they never leave
 * it. {@link #uploadSchema()} is the schema the server receives: raw columns become {@code
 * EMAIL_SHA256} / {@code PHONE_SHA256}, and with blinding every identifier column becomes {@code
 * TOKEN}. {@code name} may be omitted (it is the dataset name given on the command line).
 *
 * @param uploadSchema the schema sent to the server
 * @param identifiers the identifier columns in priority order, with what they hold locally
 * @param blind whether identifiers are turned into tokens locally (the VOPRF path)
 */
public record LocalSchema(
    DatasetSchema uploadSchema, List<LocalIdentifier> identifiers, boolean blind) {
  /** What an identifier column holds in the partner's file. */
  public enum Source {
    /** A raw email address, normalized and hashed locally. */
    EMAIL,
    /** A raw phone number, normalized and hashed locally. */
    PHONE,
    /** A SHA-256 of a normalized email (hex or base64). */
    EMAIL_SHA256,
    /** A SHA-256 of a normalized phone number (hex or base64). */
    PHONE_SHA256,
    /** A token already obtained through the VOPRF path. */
    TOKEN;

    /** The identifier kind, for every source but {@link #TOKEN}. */
    IdentifierKind kind() {
      return switch (this) {
        case EMAIL, EMAIL_SHA256 -> IdentifierKind.EMAIL;
        case PHONE, PHONE_SHA256 -> IdentifierKind.PHONE;
        case TOKEN -> throw new IllegalStateException("a token column has no identifier kind");
      };
    }
  }

  /**
   * One identifier column of the local file.
   *
   * @param name the column name
   * @param source what the column holds locally
   */
  public record LocalIdentifier(String name, Source source) {
    /** Validates the fields. */
    public LocalIdentifier {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Copies the list. */
  public LocalSchema {
    Objects.requireNonNull(uploadSchema, "uploadSchema");
    identifiers = List.copyOf(identifiers);
  }

  /**
   * Parses a local schema file.
   *
   * @param json the file's bytes
   * @param dataset the dataset name (the schema's {@code name}, if given, must equal it)
   * @param blind whether identifiers will be blinded locally
   * @return the schema
   * @throws SchemaException naming the field path
   */
  public static LocalSchema parse(byte[] json, String dataset, boolean blind) {
    JsonValue root;
    try {
      root = Jcs.parse(json);
    } catch (InvalidJsonException e) {
      throw new SchemaException(
          "", "invalid JSON: " + e.reason() + " at byte offset " + e.byteOffset());
    }
    if (!(root instanceof JsonObject o)) {
      throw new SchemaException("", "must be a JSON object");
    }
    if (o.get("name").isPresent()
        && !(o.get("name").get() instanceof JsonString s && s.value().equals(dataset))) {
      throw new SchemaException("name", "must equal the dataset name '" + dataset + "'");
    }
    List<LocalIdentifier> local = new ArrayList<>();
    JsonArray.Builder ids = JsonArray.builder();
    if (o.get("identifiers").orElse(null) instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        JsonValue c = a.get(i);
        if (c instanceof JsonObject col
            && col.get("type").orElse(null) instanceof JsonString type
            && col.get("name").orElse(null) instanceof JsonString name) {
          Source source = source(type.value(), "identifiers[" + i + "].type");
          local.add(new LocalIdentifier(name.value(), source));
          ids.add(withType(col, uploadType(source, blind).name()));
        } else {
          ids.add(c); // SchemaJson names what is wrong
        }
      }
    }
    JsonObject.Builder b = JsonObject.builder();
    boolean rewritten = o.get("identifiers").orElse(null) instanceof JsonArray;
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      if (!e.getKey().equals("name") && !(rewritten && e.getKey().equals("identifiers"))) {
        b.put(e.getKey(), e.getValue());
      }
    }
    b.put("name", dataset);
    if (rewritten) {
      b.put("identifiers", ids.build());
    }
    DatasetSchema schema = SchemaJson.parse(b.build().canonicalBytes());
    return new LocalSchema(schema, local, blind);
  }

  private static Source source(String type, String path) {
    for (Source s : Source.values()) {
      if (s.name().equals(type)) {
        return s;
      }
    }
    throw new SchemaException(
        path, "must be one of EMAIL, PHONE, EMAIL_SHA256, PHONE_SHA256, TOKEN");
  }

  private static IdentifierType uploadType(Source source, boolean blind) {
    if (blind) {
      return IdentifierType.TOKEN;
    }
    return switch (source) {
      case EMAIL, EMAIL_SHA256 -> IdentifierType.EMAIL_SHA256;
      case PHONE, PHONE_SHA256 -> IdentifierType.PHONE_SHA256;
      case TOKEN -> IdentifierType.TOKEN;
    };
  }

  private static JsonObject withType(JsonObject column, String type) {
    JsonObject.Builder b = JsonObject.builder();
    for (Map.Entry<String, JsonValue> e : column.members().entrySet()) {
      if (!e.getKey().equals("type")) {
        b.put(e.getKey(), e.getValue());
      }
    }
    return b.put("type", type).build();
  }

  /**
   * Returns whether any column is hashed or blinded on this machine.
   *
   * @return true if a column holds raw identifiers, or identifiers are blinded
   */
  public boolean transformsLocally() {
    return blind
        || identifiers.stream()
            .anyMatch(i -> i.source() == Source.EMAIL || i.source() == Source.PHONE);
  }
}
