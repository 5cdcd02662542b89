package dev.parley.consent.tcf;

import dev.parley.consent.model.ConsentDecision;
import dev.parley.consent.model.ConsentReceipt;
import dev.parley.consent.model.SubjectToken;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bulk import of IAB TCF v2.2 TC strings from a consent-management platform: every good string is
 * applied (one {@code consent.changed} ledger entry per resulting decision), every bad one is
 * rejected with its position in the batch and the reason.
 */
public final class TcfImporter {
  private final ConsentStore store;

  /**
   * Creates an importer over a store.
   *
   * @param store the consent store
   */
  public TcfImporter(ConsentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * One line of a batch: a subject and its TC string.
   *
   * @param subject the subject's token
   * @param tcString the TC string
   */
  public record Line(SubjectToken subject, String tcString) {}

  /**
   * A rejected line.
   *
   * @param position the line's index in the batch (0-based)
   * @param reason why it was rejected
   */
  public record Rejection(int position, String reason) {}

  /**
   * The outcome of a batch.
   *
   * @param receipts one receipt per recorded decision, in batch order
   * @param rejected the rejected lines, by position
   * @param applied how many lines were applied
   */
  public record Result(List<ConsentReceipt> receipts, List<Rejection> rejected, int applied) {
    /** Copies the lists. */
    public Result {
      receipts = List.copyOf(receipts);
      rejected = List.copyOf(rejected);
    }
  }

  /**
   * Imports a batch for one partner.
   *
   * @param partnerId the registered partner the strings are for
   * @param lines the subjects and strings
   * @param validity how long grants stay valid, or null for no expiry
   * @return receipts and rejections
   * @throws IllegalArgumentException if the partner is not registered
   */
  public Result importBatch(String partnerId, List<Line> lines, Duration validity) {
    Partner partner =
        store
            .partner(partnerId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("partner: '" + partnerId + "' is not registered"));
    List<ConsentDecision> decisions = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    int applied = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line == null || line.subject() == null) {
        rejected.add(new Rejection(i, "subject token is missing"));
        continue;
      }
      try {
        decisions.addAll(TcfDecisions.decide(line.subject(), line.tcString(), partner, validity));
        applied++;
      } catch (InvalidTcStringException e) {
        rejected.add(new Rejection(i, e.getMessage()));
      }
    }
    List<ConsentReceipt> receipts = store.recordAll(decisions);
    return new Result(receipts, rejected, applied);
  }
}
