package dev.parley.cleanroom.collab;

import dev.parley.consent.partner.Partner;
import dev.parley.consent.purpose.Purpose;
import dev.parley.ledger.jcs.StrictJson;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A clean-room collaboration: two or more partners who agreed, for one purpose, on the analysis
 * rules that govern what may leave the clean room about their joined data.
 *
 * @param id the collaboration id, {@code [a-z][a-z0-9-]{0,62}}
 * @param members the member partner ids, sorted, distinct, 2 to {@value #MAX_MEMBERS}
 * @param purpose the purpose every query runs under; consent is checked for it
 * @param rules the analysis rules
 * @param rulesHash {@code rules.hash()}, the value members approve
 * @param creator the member who created the collaboration
 * @param createdIndex the ledger index of its {@code collaboration.created} entry
 * @param approvals each approving member's {@code collaboration.approved} ledger index
 */
public record Collaboration(
    String id,
    List<String> members,
    Purpose purpose,
    AnalysisRules rules,
    String rulesHash,
    String creator,
    long createdIndex,
    SortedMap<String, Long> approvals) {
  /** The syntax of collaboration ids. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /** The most members a collaboration may have. */
  public static final int MAX_MEMBERS = 100;

  /**
   * Validates the whole collaboration.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public Collaboration {
    requireId(id, "collaboration");
    Objects.requireNonNull(members, "members");
    TreeSet<String> sorted = new TreeSet<>();
    for (int i = 0; i < members.size(); i++) {
      Partner.requireId(members.get(i), "members[" + i + "]");
      if (!sorted.add(members.get(i))) {
        throw new IllegalArgumentException(
            "members[" + i + "]: '" + members.get(i) + "' is listed twice");
      }
    }
    if (sorted.size() < 2 || sorted.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "members: a collaboration needs 2-" + MAX_MEMBERS + " members, got " + sorted.size());
    }
    members = List.copyOf(sorted);
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(rules, "rules");
    for (DatasetRules d : rules.datasets()) {
      if (!sorted.contains(d.dataset().partner())) {
        throw new IllegalArgumentException(
            "rules: dataset "
                + d.dataset().label()
                + " belongs to '"
                + d.dataset().partner()
                + "', who is not a member");
      }
    }
    if (!rules.hash().equals(rulesHash)) {
      throw new IllegalArgumentException("rulesHash: does not match the rules");
    }
    if (!sorted.contains(creator)) {
      throw new IllegalArgumentException("creator: '" + creator + "' is not a member");
    }
    if (createdIndex < 0) {
      throw new IllegalArgumentException("createdIndex: must be >= 0, got " + createdIndex);
    }
    TreeMap<String, Long> a = new TreeMap<>();
    for (Map.Entry<String, Long> e : approvals.entrySet()) {
      if (!sorted.contains(e.getKey())) {
        throw new IllegalArgumentException("approvals: '" + e.getKey() + "' is not a member");
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(
            "approvals." + e.getKey() + ": must be a ledger index >= 0");
      }
      a.put(e.getKey(), e.getValue());
    }
    approvals = Collections.unmodifiableSortedMap(a);
  }

  /**
   * Checks a collaboration id.
   *
   * @param id the candidate
   * @param where what to name in the error
   * @return {@code id}
   * @throws IllegalArgumentException if it does not match {@code [a-z][a-z0-9-]{0,62}}
   */
  public static String requireId(String id, String where) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          where
              + ": must match [a-z][a-z0-9-]{0,62}, got "
              + (id == null ? "null" : StrictJson.quote(id)));
    }
    return id;
  }

  /**
   * Tells whether a partner is a member.
   *
   * @param partnerId the partner
   * @return true if it is
   */
  public boolean isMember(String partnerId) {
    return members.contains(partnerId);
  }

  /**
   * Tells whether a member has approved the rules.
   *
   * @param partnerId the partner
   * @return true if it has
   */
  public boolean hasApproved(String partnerId) {
    return approvals.containsKey(partnerId);
  }

  /**
   * Returns the state: active once every member approved the rules hash.
   *
   * @return the state
   */
  public CollaborationState state() {
    return approvals.keySet().containsAll(members)
        ? CollaborationState.ACTIVE
        : CollaborationState.PENDING;
  }

  /**
   * Returns this collaboration with one more approval.
   *
   * @param partnerId the approving member
   * @param ledgerIndex its {@code collaboration.approved} entry's index
   * @return the updated collaboration
   */
  public Collaboration withApproval(String partnerId, long ledgerIndex) {
    TreeMap<String, Long> a = new TreeMap<>(approvals);
    a.put(partnerId, ledgerIndex);
    return new Collaboration(id, members, purpose, rules, rulesHash, creator, createdIndex, a);
  }
}
