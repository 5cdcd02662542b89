package dev.parley.cleanroom.analysis;

import java.util.Objects;

/**
 * A released query result and the ledger entry that records its release.
 *
 * @param output what left the clean room
 * @param requestHash SHA-256 of the request's canonical JSON
 * @param outputDigest SHA-256 of the output's canonical JSON
 * @param consentSize the ledger size S: only consent decisions at indexes below S were considered
 * @param ledgerIndex the index of the {@code query.released} entry
 */
public record QueryResult(
    QueryOutput output,
    String requestHash,
    String outputDigest,
    long consentSize,
    long ledgerIndex) {
  /** Validates the parts. */
  public QueryResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(outputDigest, "outputDigest");
  }
}
