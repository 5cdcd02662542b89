package dev.parley.gateway.consent;

import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.tcf.TcfImporter;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.StrictJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /consent/tcf}: {@code {"validityDays"?: int, "records": [{"subject",
 * "tcString"}]}}, validated structurally; pure. Whether each TC string decodes is decided later,
 * per record, by the importer; a malformed body (wrong type, unknown member, bad subject token,
 * overlong string) rejects the whole request and nothing is imported.
 *
 * @param validity how long grants stay valid from the string's {@code LastUpdated}, if limited
 * @param lines the subjects and TC strings, in request order
 */
record TcfRequest(Optional<Duration> validity, List<TcfImporter.Line> lines) {
  /** The most records in one request. */
  static final int MAX_RECORDS = 10_000;

  /** The longest TC string accepted, in characters. */
  static final int MAX_TC_STRING = 8192;

  /** The longest validity, in days (10 years). */
  static final int MAX_VALIDITY_DAYS = 3650;

  private static final Set<String> FIELDS = Set.of("validityDays", "records");
  private static final Set<String> RECORD_FIELDS = Set.of("subject", "tcString");

  /** Copies the lines. */
  TcfRequest {
    Objects.requireNonNull(validity, "validity");
    lines = List.copyOf(lines);
  }

  /**
   * Parses and validates a body.
   *
   * @param body the request body (UTF-8 JSON)
   * @return the request
   * @throws IllegalArgumentException naming the first bad field, e.g. {@code records[3].subject}
   */
  static TcfRequest parse(byte[] body) {
    JsonObject o = StrictJson.body(body, FIELDS);
    Optional<Duration> validity = Optional.empty();
    var days = StrictJson.optionalInteger(o, "", "validityDays", 1, MAX_VALIDITY_DAYS);
    if (days.isPresent()) {
      validity = Optional.of(Duration.ofDays(days.getAsLong()));
    }
    JsonArray records = StrictJson.array(o, "", "records", 1, MAX_RECORDS);
    List<TcfImporter.Line> lines = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      String where = "records[" + i + "]";
      JsonObject r =
          StrictJson.onlyFields(StrictJson.object(records.get(i), where), where, RECORD_FIELDS);
      String subject = StrictJson.string(r, where, "subject");
      SubjectToken token;
      try {
        token = SubjectToken.fromBase64Url(subject);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + ".subject: " + e.getMessage().replaceFirst("^token: ", ""), e);
      }
      String tc = StrictJson.string(r, where, "tcString");
      if (tc.length() > MAX_TC_STRING) {
        throw new IllegalArgumentException(
            where + ".tcString: longer than " + MAX_TC_STRING + " characters");
      }
      lines.add(new TcfImporter.Line(token, tc));
    }
    return new TcfRequest(validity, lines);
  }
}
