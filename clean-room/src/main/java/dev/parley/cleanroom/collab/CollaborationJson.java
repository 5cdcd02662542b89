package dev.parley.cleanroom.collab;

import static dev.parley.ledger.jcs.StrictJson.array;
import static dev.parley.ledger.jcs.StrictJson.child;
import static dev.parley.ledger.jcs.StrictJson.element;
import static dev.parley.ledger.jcs.StrictJson.object;
import static dev.parley.ledger.jcs.StrictJson.onlyFields;
import static dev.parley.ledger.jcs.StrictJson.required;
import static dev.parley.ledger.jcs.StrictJson.string;

import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.jcs.InvalidFieldException;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonNumber;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.jcs.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * JSON forms of a collaboration: its stored file ({@link #toStored}/{@link #fromStored}) and the
 * bodies of its ledger entries, exactly in the schemas {@code dev.parley.ledger.entry.EntryType}
 * registers for {@code collaboration.created} and {@code collaboration.approved}.
 */
public final class CollaborationJson {
  /** The format tag of stored collaboration files. */
  public static final String FORMAT = "parley.collaboration.v1";

  private static final Set<String> STORED_FIELDS =
      Set.of(
          "format",
          "collaboration",
          "members",
          "purpose",
          "rules",
          "rulesHash",
          "creator",
          "createdIndex",
          "approvals");

  private CollaborationJson() {}

  /**
   * The body of the {@code collaboration.created} entry.
   *
   * @param c the collaboration
   * @return {@code collaboration}, {@code members}, {@code purpose}, {@code rules}, {@code
   *     rulesHash}
   */
  public static JsonObject createdEntry(Collaboration c) {
    return JsonObject.builder()
        .put("collaboration", c.id())
        .put("members", names(c.members()))
        .put("purpose", c.purpose().wireName())
        .put("rules", RulesJson.toJson(c.rules()))
        .put("rulesHash", c.rulesHash())
        .build();
  }

  /**
   * The body of a {@code collaboration.approved} entry (members {@code partner}, {@code rulesHash}
   * and the collaboration's id).
   *
   * @param collaborationId the collaboration
   * @param partnerId the approving member
   * @param rulesHash the approved rules hash
   * @return the body
   */
  public static JsonObject approvedEntry(
      String collaborationId, String partnerId, String rulesHash) {
    return JsonObject.builder()
        .put("collaboration", collaborationId)
        .put("partner", partnerId)
        .put("rulesHash", rulesHash)
        .build();
  }

  /**
   * The stored form of a collaboration.
   *
   * @param c the collaboration
   * @return the JSON object written to its file
   */
  public static JsonObject toStored(Collaboration c) {
    JsonObject.Builder approvals = JsonObject.builder();
    c.approvals().forEach((p, i) -> approvals.put(p, i.longValue()));
    return JsonObject.builder()
        .put("format", FORMAT)
        .put("collaboration", c.id())
        .put("members", names(c.members()))
        .put("purpose", c.purpose().wireName())
        .put("rules", RulesJson.toJson(c.rules()))
        .put("rulesHash", c.rulesHash())
        .put("creator", c.creator())
        .put("createdIndex", c.createdIndex())
        .put("approvals", approvals.build())
        .build();
  }

  /**
   * Reads a stored collaboration, strictly, re-checking the rules hash.
   *
   * @param value the parsed file
   * @return the collaboration
   * @throws InvalidFieldException naming the offending field
   */
  public static Collaboration fromStored(JsonValue value) {
    String root = "$";
    JsonObject o = onlyFields(object(value, root), root, STORED_FIELDS);
    if (!FORMAT.equals(string(o, root, "format"))) {
      throw new InvalidFieldException("format", "must be " + FORMAT);
    }
    List<String> members = new ArrayList<>();
    JsonArray m = array(o, root, "members");
    for (int i = 0; i < m.size(); i++) {
      members.add(string(m.get(i), element("members", i)));
    }
    String purposeName = string(o, root, "purpose");
    Purpose purpose;
    try {
      purpose = Purpose.parse(purposeName, "purpose");
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("purpose", "unknown purpose", e);
    }
    AnalysisRules rules = RulesJson.fromJson(required(o, root, "rules"), "rules");
    TreeMap<String, Long> approvals = new TreeMap<>();
    JsonObject a = object(required(o, root, "approvals"), "approvals");
    for (Map.Entry<String, JsonValue> e : a.members().entrySet()) {
      String p = child("approvals", e.getKey());
      if (!(e.getValue() instanceof JsonNumber n)
          || n.value() != Math.rint(n.value())
          || n.value() < 0) {
        throw new InvalidFieldException(p, "must be a ledger index");
      }
      approvals.put(e.getKey(), (long) n.value());
    }
    try {
      return new Collaboration(
          string(o, root, "collaboration"),
          members,
          purpose,
          rules,
          string(o, root, "rulesHash"),
          string(o, root, "creator"),
          StrictJson.integer(o, root, "createdIndex", 0, JsonNumber.MAX_SAFE_INTEGER),
          approvals);
    } catch (InvalidFieldException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(root, e);
    }
  }

  private static JsonArray names(List<String> names) {
    JsonArray.Builder b = JsonArray.builder();
    names.forEach(b::add);
    return b.build();
  }
}
