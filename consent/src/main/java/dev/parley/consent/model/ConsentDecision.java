package dev.parley.consent.model;

import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One consent decision: a subject grants, withdraws or refuses a set of purposes for one partner.
 * It is the content of one ISO/IEC TS 27560 consent record and of one {@code consent.changed}
 * ledger entry. Built only through {@link #builder()}, which validates every field.
 *
 * @param subject the subject's token (never printed)
 * @param partner the partner (data controller) id
 * @param purposes the purposes decided, non-empty
 * @param status the decision
 * @param time when the decision was made, truncated to milliseconds
 * @param source how it was collected
 * @param policyVersion the version of the privacy notice shown: 1-64 characters {@code
 *     [A-Za-z0-9._-]}
 * @param expires when a given consent lapses (strictly after {@code time}); only for {@code GIVEN}
 * @param recordId the record id: 1-64 characters {@code [A-Za-z0-9._-]}
 */
public record ConsentDecision(
    SubjectToken subject,
    String partner,
    Set<Purpose> purposes,
    ConsentStatus status,
    Instant time,
    ConsentSource source,
    String policyVersion,
    Optional<Instant> expires,
    String recordId) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The IRI prefix of consent records in the consent graph. */
  public static final String IRI_PREFIX = "urn:parley:consent:";

  /** Copies {@code purposes} into an unmodifiable enum set. */
  public ConsentDecision {
    purposes = Collections.unmodifiableSet(EnumSet.copyOf(purposes));
  }

  /**
   * Returns a new builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a new random record id (a UUID).
   *
   * @return the id
   */
  public static String newRecordId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Returns the record's IRI.
   *
   * @return {@code urn:parley:consent:<recordId>}
   */
  public String iri() {
    return IRI_PREFIX + recordId;
  }

  /**
   * Returns the purposes as a bit mask of {@link Purpose#bit()}.
   *
   * @return the mask
   */
  public int purposeMask() {
    int m = 0;
    for (Purpose p : purposes) {
      m |= p.bit();
    }
    return m;
  }

  /** A validating builder for {@link ConsentDecision}; not thread-safe. */
  public static final class Builder {
    private SubjectToken subject;
    private String partner;
    private Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
    private ConsentStatus status;
    private Instant time;
    private ConsentSource source;
    private String policyVersion;
    private Instant expires;
    private String recordId;

    private Builder() {}

    /**
     * Sets the subject.
     *
     * @param value the token
     * @return this builder
     */
    public Builder subject(SubjectToken value) {
      this.subject = value;
      return this;
    }

    /**
     * Sets the partner id.
     *
     * @param value the id
     * @return this builder
     */
    public Builder partner(String value) {
      this.partner = value;
      return this;
    }

    /**
     * Adds purposes.
     *
     * @param values the purposes
     * @return this builder
     */
    public Builder purposes(Set<Purpose> values) {
      this.purposes.addAll(values);
      return this;
    }

    /**
     * Adds one purpose.
     *
     * @param value the purpose
     * @return this builder
     */
    public Builder purpose(Purpose value) {
      this.purposes.add(Objects.requireNonNull(value, "purpose"));
      return this;
    }

    /**
     * Sets the status.
     *
     * @param value the decision
     * @return this builder
     */
    public Builder status(ConsentStatus value) {
      this.status = value;
      return this;
    }

    /**
     * Sets the decision time.
     *
     * @param value the time
     * @return this builder
     */
    public Builder time(Instant value) {
      this.time = value;
      return this;
    }

    /**
     * Sets the collection method.
     *
     * @param value the source
     * @return this builder
     */
    public Builder source(ConsentSource value) {
      this.source = value;
      return this;
    }

    /**
     * Sets the privacy notice version.
     *
     * @param value the version
     * @return this builder
     */
    public Builder policyVersion(String value) {
      this.policyVersion = value;
      return this;
    }

    /**
     * Sets the expiry of a given consent.
     *
     * @param value the time, or null for none
     * @return this builder
     */
    public Builder expires(Instant value) {
      this.expires = value;
      return this;
    }

    /**
     * Sets the record id; a random one is used if never set.
     *
     * @param value the id
     * @return this builder
     */
    public Builder recordId(String value) {
      this.recordId = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the decision
     * @throws IllegalArgumentException naming the first bad field
     */
    public ConsentDecision build() {
      if (subject == null) {
        throw new IllegalArgumentException("subject: required");
      }
      Partner.requireId(partner, "partner");
      if (purposes.isEmpty()) {
        throw new IllegalArgumentException("purposes: at least one purpose is required");
      }
      if (status == null) {
        throw new IllegalArgumentException("status: required");
      }
      if (time == null) {
        throw new IllegalArgumentException("time: required");
      }
      if (source == null) {
        throw new IllegalArgumentException("source: required");
      }
      if (policyVersion == null || !NAME.matcher(policyVersion).matches()) {
        throw new IllegalArgumentException("policyVersion: must be 1-64 characters [A-Za-z0-9._-]");
      }
      String id = recordId == null ? newRecordId() : recordId;
      if (!NAME.matcher(id).matches()) {
        throw new IllegalArgumentException("recordId: must be 1-64 characters [A-Za-z0-9._-]");
      }
      Instant t = time.truncatedTo(ChronoUnit.MILLIS);
      Optional<Instant> exp =
          Optional.ofNullable(expires).map(e -> e.truncatedTo(ChronoUnit.MILLIS));
      if (exp.isPresent()) {
        if (status != ConsentStatus.GIVEN) {
          throw new IllegalArgumentException("expires: only a given consent can have an expiry");
        }
        if (!exp.get().isAfter(t)) {
          throw new IllegalArgumentException("expires: must be after time " + t);
        }
      }
      return new ConsentDecision(
          subject, partner, purposes, status, t, source, policyVersion, exp, id);
    }
  }
}
