package dev.parley.gateway.validation;

import dev.parley.ledger.jcs.Jcs;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a JSON Schema validation result (the Vert.x validator's "basic" output, JSON Schema 2020-12
 * §12.4.2) into one problem {@code detail} that names the field, such as {@code
 * records[2].tcString: must be a string, got a number}; pure.
 *
 * <p>The basic output lists every failing keyword, including the applicators ({@code properties},
 * {@code items}, {@code $ref}, ...) whose subschemas failed. The most useful error is the deepest
 * non-applicator one (a type error before an enum error at the same place). Values are never echoed
 * except numbers and array sizes; member names are echoed cut to {@value JsonLocation#MAX_NAME}
 * characters.
 */
final class SchemaMessages {
  private static final Set<String> APPLICATORS =
      Set.of(
          "properties",
          "items",
          "prefixItems",
          "$ref",
          "$dynamicRef",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "patternProperties",
          "contains",
          "propertyNames");

  private static final List<String> PRIORITY =
      List.of("type", "required", "additionalProperties", "unevaluatedProperties", "const", "enum");

  private SchemaMessages() {}

  /**
   * Explains a failed validation.
   *
   * @param result the failed result
   * @param schema the schema that was applied, as JSON (references already inlined)
   * @param instance the validated value
   * @param rootName how to name the value itself ({@code body}, or a parameter's name)
   * @return the detail, starting with the field's path and a colon
   */
  static String explain(OutputUnit result, JsonObject schema, Object instance, String rootName) {
    List<OutputUnit> errors = new ArrayList<>();
    if (result.getErrors() != null) {
      for (OutputUnit e : result.getErrors()) {
        if (e.getKeywordLocation() != null && !isNoise(e, schema, instance)) {
          errors.add(e);
        }
      }
    }
    if (errors.isEmpty()) {
      String why = result.getError() == null ? "does not match its schema" : result.getError();
      return rootName + ": " + why;
    }
    errors.sort(
        Comparator.comparingInt((OutputUnit e) -> depth(e.getInstanceLocation()))
            .reversed()
            .thenComparingInt(e -> priority(keyword(e))));
    return message(errors.getFirst(), schema, instance, rootName);
  }

  private static boolean isNoise(OutputUnit e, JsonObject schema, Object instance) {
    String kw = keyword(e);
    if (APPLICATORS.contains(kw)) {
      return true;
    }
    if (kw.equals("additionalProperties") || kw.equals("unevaluatedProperties")) {
      // The validator also reports a declared member whose own schema failed here; only members
      // the object does not declare are unknown fields.
      Optional<JsonObject> owner = schemaAt(schema, e.getKeywordLocation());
      JsonLocation.Resolved at = JsonLocation.resolve(instance, "", e.getInstanceLocation());
      JsonObject declared = owner.map(o -> o.getJsonObject("properties")).orElse(null);
      return declared != null && declared.containsKey(at.lastName());
    }
    return false;
  }

  private static String message(OutputUnit e, JsonObject schema, Object instance, String root) {
    String kw = keyword(e);
    JsonObject node = schemaAt(schema, e.getKeywordLocation()).orElse(new JsonObject());
    JsonLocation.Resolved at = JsonLocation.resolve(instance, root, e.getInstanceLocation());
    String path = at.path();
    Object value = at.value().orElse(null);
    return switch (kw) {
      case "type" ->
          path + ": must be " + expectedTypes(node.getValue("type")) + ", got " + typeName(value);
      case "required" ->
          missing(node, value)
              .map(n -> JsonLocation.member(path, root, n) + ": required")
              .orElse(path + ": a required field is missing");
      case "additionalProperties", "unevaluatedProperties" ->
          path + ": unknown field; " + expectedNames(node);
      case "const" -> path + ": must be " + Json.encode(node.getValue("const"));
      case "enum" -> path + ": must be one of " + listValues(node.getJsonArray("enum"));
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
          path + ": " + range(node, value);
      case "minItems", "maxItems" -> path + ": " + count(node, "Items", "items", size(value));
      case "minProperties", "maxProperties" ->
          path + ": " + count(node, "Properties", "fields", size(value));
      case "minLength", "maxLength" ->
          path + ": " + count(node, "Length", "characters long", size(value));
      case "pattern" -> path + ": must match the pattern " + node.getString("pattern");
      case "format" -> path + ": must be " + formatName(node.getString("format", ""));
      case "multipleOf" -> path + ": must be a multiple of " + number(node.getValue("multipleOf"));
      case "uniqueItems" -> path + ": items must be unique";
      default -> path + ": " + (e.getError() == null ? "does not match its schema" : e.getError());
    };
  }

  /** The last keyword of a keyword location. */
  static String keyword(OutputUnit e) {
    String loc = e.getKeywordLocation();
    return loc.substring(loc.lastIndexOf('/') + 1);
  }

  private static int depth(String pointer) {
    return pointer == null ? 0 : (int) pointer.chars().filter(c -> c == '/').count();
  }

  private static int priority(String kw) {
    int i = PRIORITY.indexOf(kw);
    return i < 0 ? PRIORITY.size() : i;
  }

  /** The schema object that holds the keyword at {@code keywordLocation}. */
  private static Optional<JsonObject> schemaAt(JsonObject schema, String keywordLocation) {
    String p = keywordLocation.startsWith("#") ? keywordLocation.substring(1) : keywordLocation;
    String[] steps = p.isEmpty() ? new String[0] : p.substring(1).split("/", -1);
    Object node = schema;
    for (int i = 0; i < steps.length - 1; i++) {
      String step = steps[i].replace("~1", "/").replace("~0", "~");
      if (step.equals("$ref") || step.equals("$dynamicRef")) {
        continue; // references are inlined in the resolved contract
      }
      node =
          switch (node) {
            case JsonObject o -> o.getValue(step);
            case JsonArray a -> index(a, step);
            case null, default -> null;
          };
    }
    return node instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  private static Object index(JsonArray a, String step) {
    try {
      int i = Integer.parseInt(step);
      return i >= 0 && i < a.size() ? a.getValue(i) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Optional<String> missing(JsonObject node, Object value) {
    JsonArray required = node.getJsonArray("required", new JsonArray());
    if (value instanceof JsonObject o) {
      for (Object name : required) {
        if (!o.containsKey(String.valueOf(name))) {
          return Optional.of(String.valueOf(name));
        }
      }
    }
    return Optional.empty();
  }

  private static String expectedNames(JsonObject objectSchema) {
    JsonObject props = objectSchema.getJsonObject("properties", new JsonObject());
    if (props.isEmpty()) {
      return "this object takes no fields";
    }
    TreeSet<String> names = new TreeSet<>(props.fieldNames());
    return names.size() == 1
        ? "expected " + names.first()
        : "expected one of " + String.join(", ", names);
  }

  private static String expectedTypes(Object type) {
    List<String> types = new ArrayList<>();
    if (type instanceof JsonArray a) {
      a.forEach(t -> types.add(article(String.valueOf(t))));
    } else {
      types.add(article(String.valueOf(type)));
    }
    return String.join(" or ", types);
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  /** How a value's JSON type is named in messages. */
  static String typeName(Object v) {
    return switch (v) {
      case null -> "null";
      case JsonObject _, Map<?, ?> _ -> "an object";
      case JsonArray _, List<?> _ -> "an array";
      case String _ -> "a string";
      case Number _ -> "a number";
      case Boolean _ -> "a boolean";
      default -> "a " + v.getClass().getSimpleName();
    };
  }

  private static String range(JsonObject node, Object value) {
    String got = value instanceof Number n ? ", got " + number(n) : "";
    Object min = node.getValue("minimum");
    Object max = node.getValue("maximum");
    String kind = "integer".equals(node.getValue("type")) ? "an integer " : "a number ";
    if (min != null && max != null) {
      return "must be " + kind + number(min) + "-" + number(max) + got;
    }
    if (min != null) {
      return "must be at least " + number(min) + got;
    }
    if (max != null) {
      return "must be at most " + number(max) + got;
    }
    Object xmin = node.getValue("exclusiveMinimum");
    if (xmin != null) {
      return "must be greater than " + number(xmin) + got;
    }
    return "must be less than " + number(node.getValue("exclusiveMaximum")) + got;
  }

  private static String count(JsonObject node, String keyword, String noun, long got) {
    Object min = node.getValue("min" + keyword);
    Object max = node.getValue("max" + keyword);
    String what = noun.equals("characters long") ? "be " : "hold ";
    String tail = " " + noun + ", got " + got;
    if (min != null && max != null) {
      return "must " + what + number(min) + "-" + number(max) + tail;
    }
    return "must "
        + what
        + (min != null ? "at least " + number(min) : "at most " + number(max))
        + tail;
  }

  private static long size(Object v) {
    return switch (v) {
      case JsonArray a -> a.size();
      case JsonObject o -> o.size();
      case String s -> s.codePointCount(0, s.length());
      case null, default -> 0;
    };
  }

  private static String formatName(String format) {
    return switch (format) {
      case "date-time" -> "an RFC 3339 date-time";
      case "date" -> "an RFC 3339 full-date";
      case "time" -> "an RFC 3339 full-time";
      case "uri" -> "an absolute URI";
      case "email" -> "an e-mail address";
      case "uuid" -> "a UUID";
      default -> "a valid " + format;
    };
  }

  private static String listValues(JsonArray values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (Object v : values) {
        out.add(v instanceof String s && !s.isEmpty() ? s : Json.encode(v));
      }
    }
    return String.join(", ", out);
  }

  /** A number as JSON would print it (ECMAScript form for doubles). */
  static String number(Object n) {
    return switch (n) {
      case Integer _, Long _, Short _, Byte _, BigInteger _ -> n.toString();
      case BigDecimal d ->
          d.stripTrailingZeros().toPlainString().length() <= 40
              ? d.stripTrailingZeros().toPlainString()
              : Jcs.numberToString(d.doubleValue());
      case Number x ->
          Double.isFinite(x.doubleValue())
              ? Jcs.numberToString(x.doubleValue())
              : String.valueOf(x);
      case null, default -> String.valueOf(n);
    };
  }
}
