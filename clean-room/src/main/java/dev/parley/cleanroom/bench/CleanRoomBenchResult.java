package dev.parley.cleanroom.bench;

import java.util.Locale;

/**
 * The figures of one {@link CleanRoomBench} run.
 *
 * @param rows rows in each partner's dataset
 * @param overlap people in both datasets
 * @param uploadSeconds wall-clock time of both uploads (parse, tokenize, store, ledger entry)
 * @param tokenizePerSecond tokens per second during the uploads: {@code 2 * rows / uploadSeconds}
 * @param referenceTokenizePerSecond the bulk tokenizer's all-cores rate measured alone in the same
 *     run, before the uploads
 * @param consentLoadSeconds tokenizing the population and importing its consent decisions
 * @param querySeconds the measured (second) run of the segment profile through {@code QueryService}
 * @param plainQuerySeconds the measured (second) run of the same aggregation as plain SQL over
 *     plaintext hashes in the same DuckDB
 * @param matched consented matched subjects in the released answer (the sum of its groups' counts;
 *     each subject has one interest, so each is counted once)
 * @param answersAgree whether both answers have the same groups, counts and suppressed count
 */
public record CleanRoomBenchResult(
    int rows,
    int overlap,
    double uploadSeconds,
    double tokenizePerSecond,
    double referenceTokenizePerSecond,
    double consentLoadSeconds,
    double querySeconds,
    double plainQuerySeconds,
    long matched,
    boolean answersAgree) {
  /**
   * Returns query_s / plain_query_s: the cost of tokens, consent and the ledger over plain SQL.
   *
   * @return the ratio (target: at most 1.5)
   */
  public double queryRatio() {
    return querySeconds / plainQuerySeconds;
  }

  /**
   * Returns upload_s divided by the time the same tokens take at the reference rate: 1.0 means the
   * upload is bound by tokenization alone.
   *
   * @return the ratio
   */
  public double uploadVsTokenize() {
    return uploadSeconds / (2.0 * rows / referenceTokenizePerSecond);
  }

  /**
   * Returns the line comparing the upload with tokenization alone.
   *
   * @return {@code upload_vs_tokenize=<r> (...)}
   */
  public String uploadLine() {
    return String.format(
        Locale.ROOT,
        "upload_vs_tokenize=%.2f (upload_s=%.2f vs %d tokens at the all-cores rate of %.0f/s ="
            + " %.2f s)",
        uploadVsTokenize(),
        uploadSeconds,
        2L * rows,
        referenceTokenizePerSecond,
        2.0 * rows / referenceTokenizePerSecond);
  }

  /**
   * Returns the benchmark's final line.
   *
   * @return {@code bench cleanroom: upload_s=... query_s=... plain_query_s=... query_ratio=...
   *     consent_load_s=... tokenize_per_s=... rows=... overlap=... matched=...}
   */
  public String line() {
    return String.format(
        Locale.ROOT,
        "bench cleanroom: upload_s=%.2f query_s=%.3f plain_query_s=%.3f query_ratio=%.2f"
            + " consent_load_s=%.2f tokenize_per_s=%.0f rows=%d overlap=%d matched=%d",
        uploadSeconds,
        querySeconds,
        plainQuerySeconds,
        queryRatio(),
        consentLoadSeconds,
        tokenizePerSecond,
        rows,
        overlap,
        matched);
  }
}
