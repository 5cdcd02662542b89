package dev.parley.cleanroom.keys;

import dev.parley.cleanroom.oprf.OprfPrivateKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One matching key: an RFC 9497 VOPRF server key (ristretto255-SHA512) with its id and lifetime.
 *
 * <p>A key is <em>active</em> (new tokens use it) until a rotation replaces it; it then stays
 * <em>retiring</em>, still evaluating for partners who have not switched, until {@code retiresAt}.
 * {@code ledgerIndex} is the index of its {@code key.published} ledger entry once that entry is
 * durable (key transparency); a key without one is published before it is used.
 *
 * @param id the key id, e.g. {@code mk-20261123-0001}
 * @param key the private key (secret bytes reachable only through {@code SecretKeyAccess})
 * @param createdAt when the key was created
 * @param retiresAt when the key stops evaluating (empty while active)
 * @param ledgerIndex the {@code key.published} entry index, if published
 */
public record MatchingKey(
    String id,
    OprfPrivateKey key,
    Instant createdAt,
    Optional<Instant> retiresAt,
    Optional<Long> ledgerIndex) {
  /** The RFC 9497 ciphersuite identifier of every matching key. */
  public static final String SUITE = "ristretto255-SHA512";

  /** Validates the id. */
  public MatchingKey {
    Objects.requireNonNull(key, "key");
    if (id == null || !id.matches("mk-[0-9]{8}-[0-9]{4}")) {
      throw new IllegalArgumentException("id: must look like mk-YYYYMMDD-NNNN, got '" + id + "'");
    }
  }

  /**
   * Returns whether the key may evaluate at {@code now}.
   *
   * @param now the current time
   * @return true while active or retiring
   */
  public boolean usableAt(Instant now) {
    return retiresAt.map(now::isBefore).orElse(true);
  }

  @Override
  public String toString() {
    return "MatchingKey[" + id + ", secret redacted]";
  }
}
