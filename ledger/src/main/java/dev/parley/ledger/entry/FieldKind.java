package dev.parley.ledger.entry;

import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.util.regex.Pattern;

/** The value shapes an entry body field may take, each with its own check. */
public enum FieldKind {
  /** A non-empty identifier: 1-128 characters of {@code [A-Za-z0-9._:-]}. */
  NAME {
    @Override
    String check(JsonValue v) {
      return v instanceof JsonString s && NAME_PATTERN.matcher(s.value()).matches()
          ? null
          : "must be a name of 1-128 characters [A-Za-z0-9._:-]";
    }
  },
  /** Free text up to 60,000 characters. */
  TEXT {
    @Override
    String check(JsonValue v) {
      return v instanceof JsonString s && s.value().length() <= 60_000
          ? null
          : "must be a string of at most 60000 characters";
    }
  },
  /** A SHA-256 digest or commitment: exactly 64 lowercase hexadecimal characters. */
  HEX32 {
    @Override
    String check(JsonValue v) {
      return v instanceof JsonString s && HEX32_PATTERN.matcher(s.value()).matches()
          ? null
          : "must be 64 lowercase hexadecimal characters";
    }
  },
  /** Standard base64 (RFC 4648 section 4) with padding, 1-4096 characters. */
  BASE64 {
    @Override
    String check(JsonValue v) {
      return v instanceof JsonString s && BASE64_PATTERN.matcher(s.value()).matches()
          ? null
          : "must be padded standard base64";
    }
  },
  /** An integer from 0 to 2^53-1. */
  COUNT {
    @Override
    String check(JsonValue v) {
      if (v instanceof JsonNumber n) {
        double d = n.value();
        if (d >= 0 && d == Math.rint(d) && d <= JsonNumber.MAX_SAFE_INTEGER) {
          return null;
        }
      }
      return "must be an integer from 0 to 9007199254740991";
    }
  },
  /** An RFC 3339 UTC timestamp ({@code Z} offset). */
  TIME {
    @Override
    String check(JsonValue v) {
      if (v instanceof JsonString s) {
        try {
          EntryTime.parse(s.value());
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      }
      return "must be an RFC 3339 UTC time string";
    }
  },
  /** A non-empty array of distinct names. */
  NAMES {
    @Override
    String check(JsonValue v) {
      if (!(v instanceof JsonArray a) || a.size() == 0 || a.size() > 1000) {
        return "must be an array of 1-1000 names";
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < a.size(); i++) {
        String problem = NAME.check(a.get(i));
        if (problem != null) {
          return "[" + i + "] " + problem;
        }
        if (!seen.add(((JsonString) a.get(i)).value())) {
          return "[" + i + "] duplicates an earlier element";
        }
      }
      return null;
    }
  },
  /** Any JSON object (its own type defines deeper rules elsewhere). */
  OBJECT {
    @Override
    String check(JsonValue v) {
      return v instanceof JsonObject ? null : "must be a JSON object";
    }
  };

  private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern HEX32_PATTERN = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern BASE64_PATTERN =
      Pattern.compile(
          "(?:[A-Za-z0-9+/]{4}){0,1023}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})");

  /**
   * Checks a value.
   *
   * @param v the value
   * @return null if it fits, else what it must be
   */
  abstract String check(JsonValue v);
}
