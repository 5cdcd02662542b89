package dev.parley.gateway.validation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI path template ({@code /consent/subjects/{subject}}) compiled for matching request
 * paths; pure.
 *
 * <p>OpenAPI 3.1, "Path Templating": a template expression names one path parameter and matches one
 * segment. Parley's contract adds {@code x-parley-route} for a parameter that spans several
 * segments (a Vert.x wildcard route such as {@code /ledger/tile/*}): then the template's last
 * parameter takes the whole remainder, possibly empty. Like the Vert.x router, one trailing slash
 * is ignored on templates that do not end in a wildcard. Parameter values are percent-decoded
 * (UTF-8, {@code +} kept as is); a path whose escapes are not valid UTF-8 matches nothing.
 */
public final class PathTemplate {
  private static final Pattern EXPRESSION = Pattern.compile("\\{([^{}/]+)}");

  private final String template;
  private final List<Segment> segments;
  private final boolean wildcard;
  private final int literals;

  private sealed interface Segment permits Literal, Param {}

  private record Literal(String text) implements Segment {}

  private record Param(String name) implements Segment {}

  private PathTemplate(String template, List<Segment> segments, boolean wildcard) {
    this.template = template;
    this.segments = List.copyOf(segments);
    this.wildcard = wildcard;
    this.literals = (int) segments.stream().filter(s -> s instanceof Literal).count();
  }

  /**
   * Compiles a template.
   *
   * @param template the OpenAPI path, starting with {@code /}
   * @param route the {@code x-parley-route} value, or null; when it ends in {@code /*}, the
   *     template's last segment must be a parameter, which then takes the rest of the path
   * @return the compiled template
   * @throws IllegalArgumentException naming the template if it is malformed
   */
  public static PathTemplate compile(String template, String route) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException(template + ": a path template must start with '/'");
    }
    List<Segment> segments = new ArrayList<>();
    for (String part : template.substring(1).split("/", -1)) {
      Matcher m = EXPRESSION.matcher(part);
      if (m.matches()) {
        segments.add(new Param(m.group(1)));
      } else if (part.contains("{") || part.contains("}")) {
        throw new IllegalArgumentException(
            template + ": segment '" + part + "' mixes a template expression with text");
      } else {
        segments.add(new Literal(part));
      }
    }
    boolean wildcard = route != null && route.endsWith("/*");
    if (wildcard && !(segments.getLast() instanceof Param)) {
      throw new IllegalArgumentException(
          template + ": x-parley-route " + route + " needs a parameter as the last segment");
    }
    return new PathTemplate(template, segments, wildcard);
  }

  /**
   * Returns the template as written in the contract.
   *
   * @return the template
   */
  public String template() {
    return template;
  }

  /**
   * Returns how many literal segments the template has; more literals match more specifically.
   *
   * @return the count
   */
  public int literals() {
    return literals;
  }

  /**
   * Matches a request path.
   *
   * @param path the request's normalized path
   * @return the decoded path parameters by name, or empty if the path does not match
   */
  public Optional<Map<String, String>> match(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String rest = path.substring(1);
    if (!wildcard && rest.endsWith("/") && !template.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split("/", -1);
    Map<String, String> params = new LinkedHashMap<>();
    int n = segments.size();
    if (wildcard ? parts.length < n : parts.length != n) {
      return Optional.empty();
    }
    for (int i = 0; i < n; i++) {
      Segment s = segments.get(i);
      String raw = wildcard && i == n - 1 ? String.join("/", tail(parts, i)) : parts[i];
      switch (s) {
        case Literal l -> {
          if (!l.text().equals(raw)) {
            return Optional.empty();
          }
        }
        case Param p -> {
          if (raw.isEmpty() && !(wildcard && i == n - 1)) {
            return Optional.empty();
          }
          Optional<String> decoded = decode(raw);
          if (decoded.isEmpty()) {
            return Optional.empty();
          }
          params.put(p.name(), decoded.get());
        }
      }
    }
    return Optional.of(params);
  }

  private static List<String> tail(String[] parts, int from) {
    return List.of(parts).subList(from, parts.length);
  }

  /** Percent-decodes one path segment as UTF-8 (RFC 3986 §2.1); empty if malformed. */
  static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    StringBuilder out = new StringBuilder(raw.length());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        if (!flush(run, out)) {
          return Optional.empty();
        }
        out.append(c);
        continue;
      }
      int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      run.write(hi * 16 + lo);
      i += 2;
    }
    return flush(run, out) ? Optional.of(out.toString()) : Optional.empty();
  }

  /** Decodes a run of escaped bytes as strict UTF-8 onto {@code out}; false if malformed. */
  private static boolean flush(ByteArrayOutputStream run, StringBuilder out) {
    if (run.size() == 0) {
      return true;
    }
    try {
      out.append(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(run.toByteArray())));
      run.reset();
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return template;
  }
}
