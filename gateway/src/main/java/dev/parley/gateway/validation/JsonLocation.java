package dev.parley.gateway.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the validator's instance locations (JSON Pointers, RFC 6901, in URI fragment form) into the
 * field paths Parley's problem details use ({@code records[3].tcString}); pure.
 *
 * <p>RFC 6901 §6: in a URI fragment a pointer's characters outside the URI fragment set are
 * percent-encoded as UTF-8, after the §4 escapes {@code ~0} ({@code ~}) and {@code ~1} ({@code /}).
 * The Vert.x validator writes escapes without zero padding ({@code %A} for a line feed), so names
 * are matched by encoding each candidate member name the same way rather than by decoding.
 */
final class JsonLocation {
  /** The longest member name echoed in a message; longer names are cut. */
  static final int MAX_NAME = 64;

  private static final String FRAGMENT_SAFE =
      ":?#@!$&'()*+,;=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._";

  /**
   * A resolved location: the display path and the value found there.
   *
   * @param path the display path ({@code root} for the root itself)
   * @param value the instance value at that location, or empty if it does not exist
   * @param parent the value holding it (the root's parent is empty)
   * @param lastName the member name or index of the last step, if any
   */
  record Resolved(String path, Optional<Object> value, Optional<Object> parent, String lastName) {}

  private JsonLocation() {}

  /**
   * Resolves a pointer against an instance.
   *
   * @param root the root value
   * @param rootName the display name of the root ({@code body}, or a parameter's name)
   * @param pointer the instance location, such as {@code #/records/0/tcString}
   * @return the location; when a step cannot be followed, the path so far plus the raw rest
   */
  static Resolved resolve(Object root, String rootName, String pointer) {
    List<String> steps = steps(pointer);
    String path = "";
    Object current = root;
    Object parent = null;
    String last = "";
    for (int i = 0; i < steps.size(); i++) {
      String step = steps.get(i);
      parent = current;
      switch (current) {
        case JsonObject o -> {
          String name = memberNamed(o, step).orElse(step);
          path = path.isEmpty() ? printable(name) : path + "." + printable(name);
          current = o.getValue(name);
          last = name;
        }
        case JsonArray a -> {
          path = (path.isEmpty() ? rootName : path) + "[" + step + "]";
          int index = parseIndex(step);
          current = index >= 0 && index < a.size() ? a.getValue(index) : null;
          last = step;
        }
        case null, default -> {
          path =
              (path.isEmpty() ? rootName : path)
                  + "/"
                  + String.join("/", steps.subList(i, steps.size()));
          return new Resolved(path, Optional.empty(), Optional.ofNullable(parent), step);
        }
      }
    }
    return new Resolved(
        path.isEmpty() ? rootName : path,
        Optional.ofNullable(current),
        Optional.ofNullable(parent),
        last);
  }

  /** The display path of member {@code name} of the object at {@code path}. */
  static String member(String path, String rootName, String name) {
    return path.equals(rootName) ? printable(name) : path + "." + printable(name);
  }

  /**
   * A member name or value safe to echo: control characters replaced, at most {@link #MAX_NAME}.
   */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_NAME + 1));
    s.codePoints()
        .limit(MAX_NAME)
        .forEach(
            c ->
                b.appendCodePoint(
                    Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
    if (s.codePointCount(0, s.length()) > MAX_NAME) {
      b.append('…');
    }
    return b.toString();
  }

  private static List<String> steps(String pointer) {
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    List<String> out = new ArrayList<>();
    if (p.isEmpty()) {
      return out;
    }
    for (String s : p.substring(p.startsWith("/") ? 1 : 0).split("/", -1)) {
      out.add(s);
    }
    return out;
  }

  private static Optional<String> memberNamed(JsonObject o, String encoded) {
    for (String name : o.fieldNames()) {
      if (encode(name).equals(encoded)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** Encodes a member name as the validator does in its instance locations. */
  static String encode(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
      if (FRAGMENT_SAFE.indexOf(x) >= 0) {
        b.append((char) x);
      } else if (x == '~') {
        b.append("~0");
      } else if (x == '/') {
        b.append("~1");
      } else {
        b.append('%')
            .append(Integer.toHexString(Byte.toUnsignedInt(x)).toUpperCase(java.util.Locale.ROOT));
      }
    }
    return b.toString();
  }

  private static int parseIndex(String step) {
    try {
      return Integer.parseInt(step);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
