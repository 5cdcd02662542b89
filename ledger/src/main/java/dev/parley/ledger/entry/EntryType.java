package dev.parley.ledger.entry;

import static dev.parley.ledger.entry.FieldKind.BASE64;
import static dev.parley.ledger.entry.FieldKind.COUNT;
import static dev.parley.ledger.entry.FieldKind.HEX32;
import static dev.parley.ledger.entry.FieldKind.NAME;
import static dev.parley.ledger.entry.FieldKind.NAMES;
import static dev.parley.ledger.entry.FieldKind.OBJECT;
import static dev.parley.ledger.entry.FieldKind.TEXT;
import static dev.parley.ledger.entry.FieldKind.TIME;
import static dev.parley.ledger.entry.FieldSpec.oneOf;
import static dev.parley.ledger.entry.FieldSpec.optional;
import static dev.parley.ledger.entry.FieldSpec.required;

import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registered ledger event types, each with the schema of its body.
 *
 * <p>A body must hold every required field, may hold the optional ones, and nothing else: an
 * auditor can then check every entry against this registry alone. No body field ever holds a
 * personal identifier: subjects appear only as salted commitments ({@link FieldKind#HEX32}).
 */
public enum EntryType {
  /** A matching (OPRF) public key was published, for key transparency. */
  KEY_PUBLISHED(
      "key.published",
      required("keyId", NAME),
      required("suite", NAME),
      required("publicKey", BASE64),
      required("validFrom", TIME)),
  /** A matching key stopped being used for new tokens. */
  KEY_RETIRED("key.retired", required("keyId", NAME), required("retiredAt", TIME)),
  /** A consent decision changed for one subject, partner and set of purposes. */
  CONSENT_CHANGED(
      "consent.changed",
      required("subject", HEX32),
      required("partner", NAME),
      required("purposes", NAMES),
      oneOf("status", "given", "withdrawn", "refused", "expired"),
      required("policyVersion", NAME),
      required("source", NAME),
      optional("recordId", NAME),
      optional("expires", TIME)),
  /** A subject was erased: the salt behind its commitment was destroyed. */
  SUBJECT_ERASED("subject.erased", required("subject", HEX32)),
  /** A partner uploaded a new immutable dataset version. */
  DATASET_UPLOADED(
      "dataset.uploaded",
      required("partner", NAME),
      required("dataset", NAME),
      required("version", COUNT),
      required("digest", HEX32),
      required("rows", COUNT),
      required("rejected", COUNT)),
  /** A collaboration was proposed with its analysis rules. */
  COLLABORATION_CREATED(
      "collaboration.created",
      required("collaboration", NAME),
      required("members", NAMES),
      required("purpose", NAME),
      required("rules", OBJECT),
      required("rulesHash", HEX32)),
  /** A member approved a collaboration's rules (identified by their hash). */
  COLLABORATION_APPROVED(
      "collaboration.approved",
      required("collaboration", NAME),
      required("partner", NAME),
      required("rulesHash", HEX32)),
  /** An aggregate result left the clean room. */
  QUERY_RELEASED(
      "query.released",
      required("collaboration", NAME),
      required("partner", NAME),
      required("requestHash", HEX32),
      required("purpose", NAME),
      required("consentSize", COUNT),
      required("outputDigest", HEX32),
      required("suppressed", COUNT),
      optional("privacy", OBJECT)),
  /** Free text from the operator (also used by tests and benchmarks). */
  LEDGER_NOTE("ledger.note", required("text", TEXT));

  private static final Map<String, EntryType> BY_NAME = new HashMap<>();

  static {
    for (EntryType t : values()) {
      BY_NAME.put(t.wireName, t);
    }
  }

  private final String wireName;

  @SuppressWarnings("ImmutableEnumChecker") // Map.copyOf: unmodifiable
  private final Map<String, FieldSpec> fields;

  private final int requiredCount;

  EntryType(String wireName, FieldSpec... fields) {
    this.wireName = wireName;
    Map<String, FieldSpec> m = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      m.put(f.name(), f);
    }
    this.fields = Map.copyOf(m);
    this.requiredCount = (int) m.values().stream().filter(FieldSpec::required).count();
  }

  /**
   * Returns the name written in entries, e.g. {@code consent.changed}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Looks a type up by its wire name.
   *
   * @param name e.g. {@code query.released}
   * @return the type, if registered
   */
  public static Optional<EntryType> byWireName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * Returns the schema of one body field.
   *
   * @param name the field name
   * @return its spec, or null if {@code name} is not a field of this type
   */
  FieldSpec field(String name) {
    return fields.get(name);
  }

  /**
   * Returns the number of required body fields.
   *
   * @return the count
   */
  int requiredCount() {
    return requiredCount;
  }

  /**
   * Checks a body against this type's schema.
   *
   * @param body the body
   * @return every problem as {@code body.field: reason}; empty if valid
   */
  public List<String> validate(JsonObject body) {
    List<String> problems = new java.util.ArrayList<>();
    for (FieldSpec f : fields.values()) {
      Optional<JsonValue> v = body.get(f.name());
      if (v.isEmpty()) {
        if (f.required()) {
          problems.add("body." + f.name() + ": required for " + wireName);
        }
        continue;
      }
      String problem = f.check(v.get());
      if (problem != null) {
        problems.add("body." + f.name() + ": " + problem);
      }
    }
    for (String name : body.members().keySet()) {
      if (!fields.containsKey(name)) {
        problems.add("body." + name + ": not a field of " + wireName);
      }
    }
    return problems;
  }
}
