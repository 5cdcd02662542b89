package dev.parley.cleanroom.analysis;

import dev.parley.consent.purpose.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The consent question of one query, fixed when the query starts: the collaboration's purpose, the
 * ledger size S recorded with the release, and the instant expiry is judged at. Every consent read
 * of the query (the contributors', and the requester's for a match rate) uses the same three.
 *
 * @param purpose the collaboration's purpose
 * @param ledgerSize S: only decisions with a ledger index below it count
 * @param now the instant expiry is judged at
 */
record ConsentAsOf(Purpose purpose, long ledgerSize, Instant now) {
  /** Validates the fields. */
  ConsentAsOf {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(now, "now");
    if (ledgerSize < 0) {
      throw new IllegalArgumentException("ledgerSize must be >= 0, got " + ledgerSize);
    }
  }

  /** Fixes the question at the clock's current instant. */
  ConsentAsOf(Purpose purpose, long ledgerSize, Clock clock) {
    this(purpose, ledgerSize, clock.instant());
  }
}
