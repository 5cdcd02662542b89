package dev.parley.cleanroom.dataset;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The JSON form of a {@link DatasetSchema}, parsed strictly with errors naming the field path.
 *
 * <pre>{@code
 * {"name": "sales",
 *  "identifiers": [{"name": "email", "type": "EMAIL_SHA256"},
 *                  {"name": "phone", "type": "PHONE_SHA256"}],
 *  "dimensions": [{"name": "region", "allowed": ["north", "south"], "maxLength": 32}],
 *  "metrics": [{"name": "spend", "type": "DECIMAL"}]}
 * }</pre>
 *
 * <p>{@code dimensions} and {@code metrics} default to {@code []}, {@code allowed} to any value,
 * {@code maxLength} to {@value DimensionColumn#DEFAULT_MAX_LENGTH}. Unknown fields are errors (a
 * typo must not silently drop a restriction). Paths look like {@code dimensions[0].allowed[2]}.
 */
public final class SchemaJson {
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private SchemaJson() {}

  /**
   * Parses a schema from UTF-8 JSON.
   *
   * @param json the JSON bytes
   * @return the schema
   * @throws SchemaException naming the field path (or the byte offset of a syntax error)
   */
  public static DatasetSchema parse(byte[] json) {
    JsonValue value;
    try {
      value = Jcs.parse(json);
    } catch (InvalidJsonException e) {
      String path = e.path().isEmpty() ? "" : pointerToPath(e.path());
      throw new SchemaException(
          path, "invalid JSON: " + e.reason() + " at byte offset " + e.byteOffset());
    }
    JsonObject o = object(value, "");
    only(o, "", Set.of("name", "identifiers", "dimensions", "metrics"));
    String name = string(required(o, "", "name"), "name");
    List<IdentifierColumn> identifiers = new ArrayList<>();
    JsonArray ids = array(required(o, "", "identifiers"), "identifiers");
    for (int i = 0; i < ids.size(); i++) {
      String p = "identifiers[" + i + "]";
      JsonObject c = object(ids.get(i), p);
      only(c, p, Set.of("name", "type"));
      String column = string(required(c, p, "name"), p + ".name");
      IdentifierType type = enumValue(IdentifierType.class, required(c, p, "type"), p + ".type");
      identifiers.add(at(p, () -> new IdentifierColumn(column, type)));
    }
    List<DimensionColumn> dimensions = new ArrayList<>();
    JsonArray dims = o.get("dimensions").map(v -> array(v, "dimensions")).orElse(JsonArray.of());
    for (int i = 0; i < dims.size(); i++) {
      String p = "dimensions[" + i + "]";
      JsonObject c = object(dims.get(i), p);
      only(c, p, Set.of("name", "allowed", "maxLength"));
      String column = string(required(c, p, "name"), p + ".name");
      Optional<List<String>> allowed = Optional.empty();
      if (c.get("allowed").isPresent()) {
        JsonArray a = array(c.get("allowed").get(), p + ".allowed");
        List<String> values = new ArrayList<>();
        for (int j = 0; j < a.size(); j++) {
          values.add(string(a.get(j), p + ".allowed[" + j + "]"));
        }
        allowed = Optional.of(values);
      }
      int maxLength =
          c.get("maxLength").isPresent()
              ? smallInt(c.get("maxLength").get(), p + ".maxLength")
              : DimensionColumn.DEFAULT_MAX_LENGTH;
      Optional<List<String>> finalAllowed = allowed;
      dimensions.add(at(p, () -> new DimensionColumn(column, finalAllowed, maxLength)));
    }
    List<MetricColumn> metrics = new ArrayList<>();
    JsonArray mets = o.get("metrics").map(v -> array(v, "metrics")).orElse(JsonArray.of());
    for (int i = 0; i < mets.size(); i++) {
      String p = "metrics[" + i + "]";
      JsonObject c = object(mets.get(i), p);
      only(c, p, Set.of("name", "type"));
      String column = string(required(c, p, "name"), p + ".name");
      MetricType type = enumValue(MetricType.class, required(c, p, "type"), p + ".type");
      metrics.add(at(p, () -> new MetricColumn(column, type)));
    }
    return new DatasetSchema(name, identifiers, dimensions, metrics);
  }

  /**
   * Parses a schema from a JSON string.
   *
   * @param json the JSON text
   * @return the schema
   * @throws SchemaException naming the field path
   */
  public static DatasetSchema parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the JSON form of a schema (every optional field written out).
   *
   * @param schema the schema
   * @return the JSON object; {@link #parse} of its bytes gives back an equal schema
   */
  public static JsonObject toJson(DatasetSchema schema) {
    JsonArray.Builder ids = JsonArray.builder();
    schema
        .identifiers()
        .forEach(
            c ->
                ids.add(
                    JsonObject.builder()
                        .put("name", c.name())
                        .put("type", c.type().name())
                        .build()));
    JsonArray.Builder dims = JsonArray.builder();
    for (DimensionColumn d : schema.dimensions()) {
      JsonObject.Builder b =
          JsonObject.builder().put("name", d.name()).put("maxLength", (long) d.maxLength());
      if (d.allowed().isPresent()) {
        JsonArray.Builder allowed = JsonArray.builder();
        d.allowed().get().forEach(allowed::add);
        b.put("allowed", allowed.build());
      }
      dims.add(b.build());
    }
    JsonArray.Builder mets = JsonArray.builder();
    schema
        .metrics()
        .forEach(
            m ->
                mets.add(
                    JsonObject.builder()
                        .put("name", m.name())
                        .put("type", m.type().name())
                        .build()));
    return JsonObject.builder()
        .put("name", schema.name())
        .put("identifiers", ids.build())
        .put("dimensions", dims.build())
        .put("metrics", mets.build())
        .build();
  }

  /** Runs a constructor, prefixing the path of any {@link SchemaException} with {@code prefix}. */
  static <T> T at(String prefix, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (SchemaException e) {
      String inner = e.path();
      String reason =
          inner.isEmpty() ? e.getMessage() : e.getMessage().substring(inner.length() + 2);
      throw new SchemaException(inner.isEmpty() ? prefix : prefix + "." + inner, reason);
    }
  }

  /** Checks a column name, throwing a SchemaException at {@code field}. */
  static void requireColumnName(String field, String name) {
    if (name == null || !COLUMN.matcher(name).matches()) {
      throw new SchemaException(field, "must match [a-z][a-z0-9_]{0,62}, got " + describe(name));
    }
  }

  /** Quotes a short value for a message, or gives only the length of a long one. */
  static String describe(String value) {
    if (value == null) {
      return "nothing";
    }
    return value.length() > 80 ? "a " + value.length() + "-character string" : "'" + value + "'";
  }

  /** Turns the JSON Pointer {@code /dimensions/0/name} into {@code dimensions[0].name}. */
  private static String pointerToPath(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.substring(1).split("/", -1)) {
      String token = part.replace("~1", "/").replace("~0", "~");
      if (!token.isEmpty() && token.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        out.append('[').append(token).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(token);
      }
    }
    return out.toString();
  }

  private static JsonValue required(JsonObject o, String path, String field) {
    return o.get(field)
        .orElseThrow(
            () -> new SchemaException(path.isEmpty() ? field : path + "." + field, "required"));
  }

  private static void only(JsonObject o, String path, Set<String> fields) {
    for (String member : o.members().keySet()) {
      if (!fields.contains(member)) {
        throw new SchemaException(
            path.isEmpty() ? member : path + "." + member,
            "unknown field; expected one of " + fields.stream().sorted().toList());
      }
    }
  }

  private static JsonObject object(JsonValue v, String path) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new SchemaException(path, "must be an object, got " + v.kind());
  }

  private static JsonArray array(JsonValue v, String path) {
    if (v instanceof JsonArray a) {
      return a;
    }
    throw new SchemaException(path, "must be an array, got " + v.kind());
  }

  private static String string(JsonValue v, String path) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw new SchemaException(path, "must be a string, got " + v.kind());
  }

  private static int smallInt(JsonValue v, String path) {
    if (v instanceof JsonNumber n
        && n.value() == Math.rint(n.value())
        && Math.abs(n.value()) < 1e9) {
      return (int) n.value();
    }
    throw new SchemaException(path, "must be an integer, got " + v.kind());
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonValue v, String path) {
    String s = string(v, path);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw new SchemaException(path, "must be one of " + names + ", got " + describe(s));
  }
}
