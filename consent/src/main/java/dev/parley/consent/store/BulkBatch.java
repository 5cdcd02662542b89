package dev.parley.consent.store;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.SubjectToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Pure helpers of the bulk import path: distinctness checks, the batch digest and summary. */
final class BulkBatch {
  private BulkBatch() {}

  private record Key(SubjectToken subject, String partner) {}

  /**
   * Rejects a batch that repeats a (subject, partner) or a record id: within one batch all records
   * share a ledger index, so their order could not be recovered.
   */
  static void checkDistinct(List<ConsentDecision> decisions) {
    Set<Key> keys = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < decisions.size(); i++) {
      ConsentDecision d = decisions.get(i);
      if (!keys.add(new Key(d.subject(), d.partner()))) {
        throw new IllegalArgumentException(
            "decisions[" + i + "]: repeats a (subject, partner) of this batch");
      }
      if (!ids.add(d.recordId())) {
        throw new IllegalArgumentException(
            "decisions[" + i + "].recordId: repeats '" + d.recordId() + "' of this batch");
      }
    }
  }

  /**
   * SHA-256 over "recordId SP commitment LF" for each record in batch order, in hex: the batch's
   * fingerprint written on the ledger.
   */
  static String digest(List<ConsentDecision> decisions, List<String> commitments) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < decisions.size(); i++) {
        md.update(
            (decisions.get(i).recordId() + " " + commitments.get(i) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The ledger note text of a batch. */
  static String summary(int records, String digest) {
    return "consent.bulk-import records=" + records + " sha256=" + digest;
  }
}
