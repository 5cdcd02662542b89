package dev.parley.cleanroom.dp;

import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonString;
import dev.parley.ledger.jcs.JsonValue;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON form of a {@link PrivacyRelease}: the {@code privacy} object of a {@code query.released}
 * ledger entry.
 *
 * <p>Every number is a string holding an exact rational ({@link Rational#parse}), never a JSON
 * number, so no value is rounded through a double. Laplace: {@code
 * {"budget":"10","epsilon":"1/2","mechanism":"laplace","refresh":"none","spentBefore":"3/2"}};
 * Gaussian: {@code mechanism "gaussian"} with {@code rho} and {@code delta} instead of {@code
 * epsilon}. With {@code "refresh":"calendar-monthly"} a {@code period} such as {@code "2026-11"}
 * names the UTC month charged. Unknown members are rejected.
 */
public final class PrivacyJson {
  private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-[0-9]{2}");
  private static final Set<String> MEMBERS =
      Set.of("mechanism", "epsilon", "rho", "delta", "budget", "spentBefore", "refresh", "period");

  private static final Set<String> TEXT_MEMBERS = Set.of("mechanism", "refresh", "period");

  private PrivacyJson() {}

  /**
   * Returns the JSON object of a release.
   *
   * @param release the release
   * @return the object (canonical member order)
   */
  public static JsonObject toJson(PrivacyRelease release) {
    JsonObject.Builder b =
        JsonObject.builder()
            .put("mechanism", release.mechanism().wireName())
            .put(
                release.mechanism() == Mechanism.LAPLACE ? "epsilon" : "rho",
                text(release.amount()))
            .put("budget", text(release.budget()))
            .put("spentBefore", text(release.spentBefore()))
            .put("refresh", release.refresh().wireName());
    release.delta().ifPresent(d -> b.put("delta", text(d)));
    release.period().ifPresent(p -> b.put("period", p.toString()));
    return b.build();
  }

  /**
   * Returns the canonical (RFC 8785) JSON text of a release.
   *
   * @param release the release
   * @return the canonical JSON
   */
  public static String toCanonicalString(PrivacyRelease release) {
    return Jcs.canonicalString(toJson(release));
  }

  /**
   * Parses a release from JSON text.
   *
   * @param utf8 strict I-JSON
   * @return the release
   * @throws IllegalArgumentException saying what is wrong and where ({@code privacy.<member>})
   */
  public static PrivacyRelease parse(byte[] utf8) {
    JsonValue value;
    try {
      value = Jcs.parse(utf8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("privacy: " + e.getMessage(), e);
    }
    return parse(value);
  }

  /**
   * Parses a release from a JSON value.
   *
   * @param value the {@code privacy} value of a ledger entry
   * @return the release
   * @throws IllegalArgumentException saying what is wrong and where ({@code privacy.<member>})
   */
  public static PrivacyRelease parse(JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      throw new IllegalArgumentException("privacy: must be an object");
    }
    for (String name : o.members().keySet()) {
      if (!MEMBERS.contains(name)) {
        throw new IllegalArgumentException("privacy: unknown member \"" + name + "\"");
      }
    }
    Mechanism mechanism = field(o, "mechanism", Mechanism::fromWireName);
    String amountName = mechanism == Mechanism.LAPLACE ? "epsilon" : "rho";
    String otherName = mechanism == Mechanism.LAPLACE ? "rho" : "epsilon";
    if (o.members().containsKey(otherName)) {
      throw new IllegalArgumentException(
          "privacy."
              + otherName
              + ": not allowed with mechanism "
              + mechanism.wireName()
              + " (use "
              + amountName
              + ")");
    }
    Rational amount = field(o, amountName, Rational::parse);
    Optional<Rational> delta =
        o.members().containsKey("delta")
            ? Optional.of(field(o, "delta", Rational::parse))
            : Optional.empty();
    Rational budget = field(o, "budget", Rational::parse);
    Rational spentBefore = field(o, "spentBefore", Rational::parse);
    RefreshPolicy refresh = field(o, "refresh", RefreshPolicy::fromWireName);
    Optional<YearMonth> period =
        o.members().containsKey("period")
            ? Optional.of(field(o, "period", PrivacyJson::parsePeriod))
            : Optional.empty();
    try {
      return new PrivacyRelease(mechanism, amount, delta, budget, spentBefore, refresh, period);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("privacy." + e.getMessage(), e);
    }
  }

  private interface Reader<T> {
    T read(String text);
  }

  private static <T> T field(JsonObject o, String name, Reader<T> reader) {
    JsonValue v =
        o.get(name)
            .orElseThrow(
                () -> new IllegalArgumentException("privacy: missing member \"" + name + "\""));
    if (!(v instanceof JsonString s)) {
      throw new IllegalArgumentException(
          "privacy."
              + name
              + ": must be a string"
              + (TEXT_MEMBERS.contains(name) ? "" : " holding an exact rational such as \"1/2\""));
    }
    try {
      return reader.read(s.value());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("privacy." + name + ": " + e.getMessage(), e);
    }
  }

  private static YearMonth parsePeriod(String text) {
    if (!PERIOD.matcher(text).matches()) {
      throw new IllegalArgumentException("expected YYYY-MM, got \"" + text + "\"");
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a month: \"" + text + "\"", e);
    }
  }

  private static String text(Rational r) {
    return r.toString();
  }
}
