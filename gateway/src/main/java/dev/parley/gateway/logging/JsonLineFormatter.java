package dev.parley.gateway.logging;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats each log record as one JSON object on one line ("JSON lines").
 *
 * <p>Fields: {@code time} (RFC 3339 UTC), {@code level}, {@code logger}, {@code msg}, and, when the
 * record's first parameter is a {@code Map}, each of its entries as a field of its own. Fields
 * whose names suggest secret material ({@link #SECRET_FIELD_NAMES}) are replaced by {@code
 * "[redacted]"}, so that a careless call site cannot print a key. Exceptions are rendered as their
 * class and message only: stack traces can carry request data.
 */
public final class JsonLineFormatter extends Formatter {
  /** Field names never printed with their value. */
  public static final Set<String> SECRET_FIELD_NAMES =
      Set.of("key", "secret", "password", "token", "apiKey", "code", "seed", "privateKey");

  @Override
  public String format(LogRecord record) {
    StringBuilder out = new StringBuilder(160);
    out.append("{\"time\":");
    quote(out, Instant.ofEpochMilli(record.getMillis()).toString());
    out.append(",\"level\":");
    quote(out, record.getLevel().getName());
    out.append(",\"logger\":");
    quote(out, String.valueOf(record.getLoggerName()));
    out.append(",\"msg\":");
    quote(out, record.getParameters() == null ? record.getMessage() : formatMessage(record));
    Object[] params = record.getParameters();
    if (params != null && params.length > 0 && params[0] instanceof Map<?, ?> fields) {
      for (Map.Entry<?, ?> field : fields.entrySet()) {
        String name = String.valueOf(field.getKey());
        out.append(',');
        quote(out, name);
        out.append(':');
        Object value = field.getValue();
        if (SECRET_FIELD_NAMES.contains(name)) {
          quote(out, "[redacted]");
        } else if (value instanceof Number || value instanceof Boolean) {
          out.append(value);
        } else {
          quote(out, String.valueOf(value));
        }
      }
    }
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      out.append(",\"error\":");
      quote(out, thrown.getClass().getName() + ": " + thrown.getMessage());
    }
    return out.append("}\n").toString();
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 section 7 escaping). */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    if (s != null) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
    }
    out.append('"');
  }
}
