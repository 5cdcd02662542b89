package dev.parley.gateway.consent;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentSource;
import dev.parley.consent.model.ConsentStatus;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.StrictJson;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /consent/subjects/{subject}/decisions}: {@code {"partner", "purpose",
 * "status": "given"|"withdrawn"|"refused", "expiresAt"?}}, validated completely; pure.
 *
 * @param partner a registered partner id
 * @param purpose the purpose
 * @param status {@link ConsentStatus#GIVEN}, {@link ConsentStatus#WITHDRAWN} or {@link
 *     ConsentStatus#REFUSED}
 * @param expiresAt when a grant lapses (only for a grant, in the future)
 */
record DecisionRequest(
    String partner, Purpose purpose, ConsentStatus status, Optional<Instant> expiresAt) {
  /** The notice version recorded for decisions made in the consent center. */
  static final String NOTICE_VERSION = "consent-center-1";

  private static final Set<String> FIELDS = Set.of("partner", "purpose", "status", "expiresAt");

  /** Checks presence. */
  DecisionRequest {
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Parses and validates a body.
   *
   * @param body the request body (UTF-8 JSON)
   * @param partners the registered partner ids
   * @param now the decision time, against which {@code expiresAt} must lie in the future
   * @return the request
   * @throws IllegalArgumentException naming the first bad field
   */
  static DecisionRequest parse(byte[] body, Collection<String> partners, Instant now) {
    JsonObject o = StrictJson.body(body, FIELDS);
    String partner = StrictJson.string(o, "", "partner");
    if (!partners.contains(partner)) {
      throw new IllegalArgumentException(
          "partner: unknown partner '"
              + printable(partner)
              + "'; expected one of "
              + new TreeSet<>(partners));
    }
    String purposeName = StrictJson.string(o, "", "purpose");
    Purpose purpose =
        Purpose.byWireName(purposeName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "purpose: unknown purpose '"
                            + printable(purposeName)
                            + "'; expected one of "
                            + Purpose.all().stream().map(Purpose::wireName).toList()));
    String statusName = StrictJson.string(o, "", "status");
    ConsentStatus status =
        switch (statusName) {
          case "given" -> ConsentStatus.GIVEN;
          case "withdrawn" -> ConsentStatus.WITHDRAWN;
          case "refused" -> ConsentStatus.REFUSED;
          default ->
              throw new IllegalArgumentException(
                  "status: must be one of given, withdrawn, refused; got '"
                      + printable(statusName)
                      + "'");
        };
    Optional<Instant> expiresAt =
        StrictJson.optionalString(o, "", "expiresAt").map(t -> Rfc3339.parse(t, "expiresAt"));
    if (expiresAt.isPresent()) {
      if (status != ConsentStatus.GIVEN) {
        throw new IllegalArgumentException("expiresAt: only a given consent can expire");
      }
      if (!expiresAt.get().isAfter(now)) {
        throw new IllegalArgumentException("expiresAt: must be in the future (after " + now + ")");
      }
    }
    return new DecisionRequest(partner, purpose, status, expiresAt);
  }

  /**
   * Returns the decision this request makes for a subject, collected in the consent center.
   *
   * @param subject the subject (the caller's own)
   * @param now the decision time
   * @return the decision
   */
  ConsentDecision toDecision(SubjectToken subject, Instant now) {
    return ConsentDecision.builder()
        .subject(subject)
        .partner(partner)
        .purpose(purpose)
        .status(status)
        .time(now)
        .expires(expiresAt.orElse(null))
        .source(ConsentSource.CONSENT_CENTER)
        .policyVersion(NOTICE_VERSION)
        .build();
  }

  /** Echoes a short, printable form of a caller's value in an error message. */
  static String printable(String value) {
    String s = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return s.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
