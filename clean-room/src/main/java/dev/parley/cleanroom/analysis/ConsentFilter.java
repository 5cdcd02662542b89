package dev.parley.cleanroom.analysis;

import dev.parley.consent.model.SubjectToken;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the streamed tokens that every contributing partner has active consent for: tokens are
 * batched, the consent index is asked once per batch and partner, and the answers are intersected.
 * A subject counts only if each partner whose data is joined (and the recipient) may use it for the
 * collaboration's purpose.
 */
final class ConsentFilter {
  /** Tokens per consent question. */
  static final int BATCH = 16_384;

  /** Answers the bulk consent question for one partner (purpose, ledger size and time fixed). */
  @FunctionalInterface
  interface Oracle {
    /**
     * Tells which tokens have active consent.
     *
     * @param tokens the tokens
     * @param partner the partner
     * @return bit {@code i} set iff {@code tokens.get(i)} has active consent
     */
    BitSet active(List<SubjectToken> tokens, String partner);
  }

  private ConsentFilter() {}

  /**
   * Streams tokens and keeps those consented for every partner.
   *
   * @param source pushes each token to the given sink (e.g. the engine's joined tokens)
   * @param partners the partners whose consent is required, at least one
   * @param oracle the consent question
   * @param batchSize tokens per question
   * @return the consented tokens, in stream order
   */
  static TokenBuffer consented(
      Consumer<Consumer<byte[]>> source, List<String> partners, Oracle oracle, int batchSize) {
    if (partners.isEmpty()) {
      throw new IllegalArgumentException("partners: at least one partner must consent");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1");
    }
    TokenBuffer out = new TokenBuffer();
    List<SubjectToken> batch = new ArrayList<>(batchSize);
    source.accept(
        token -> {
          batch.add(SubjectToken.of(token));
          if (batch.size() == batchSize) {
            flush(batch, partners, oracle, out);
          }
        });
    flush(batch, partners, oracle, out);
    return out;
  }

  private static void flush(
      List<SubjectToken> batch, List<String> partners, Oracle oracle, TokenBuffer out) {
    if (batch.isEmpty()) {
      return;
    }
    BitSet keep = new BitSet(batch.size());
    keep.set(0, batch.size());
    for (String partner : partners) {
      keep.and(oracle.active(batch, partner));
      if (keep.isEmpty()) {
        break;
      }
    }
    for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
      out.add(batch.get(i).bytes());
    }
    batch.clear();
  }
}
