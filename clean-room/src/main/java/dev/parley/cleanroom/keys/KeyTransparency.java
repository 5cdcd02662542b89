package dev.parley.cleanroom.keys;

import dev.parley.cleanroom.oprf.OprfPublicKey;
import dev.parley.ledger.entry.EntryTime;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.store.Appended;
import dev.parley.ledger.store.LedgerStore;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutionException;

/**
 * Key transparency for matching keys: every key's public key pkS is published on the ledger as a
 * {@code key.published} entry before the key evaluates anything, so every partner can check that
 * the server evaluated its identifiers with the same key as everyone else's.
 *
 * <p>Partner side: the {@code /oprf/evaluate} response names the key id and the index of its {@code
 * key.published} entry; the partner fetches that entry's receipt ({@code GET
 * /ledger/entries/{index}}), verifies it with the ledger's verifier key, and checks with {@link
 * #matches} that the entry's public key equals the pkS its VOPRF proof verified against.
 */
public final class KeyTransparency {
  private KeyTransparency() {}

  /**
   * Returns the body of a key's {@code key.published} entry.
   *
   * @param key the matching key
   * @return {@code {keyId, suite, publicKey, validFrom}}
   */
  public static JsonObject publishedBody(MatchingKey key) {
    return JsonObject.builder()
        .put("keyId", key.id())
        .put("suite", MatchingKey.SUITE)
        .put("publicKey", Base64.getEncoder().encodeToString(key.key().publicKey().toBytes()))
        .put("validFrom", EntryTime.format(key.createdAt()))
        .build();
  }

  /**
   * Publishes every key of the ring that has no durable {@code key.published} entry yet, waiting
   * for each acknowledgement and recording its index in the key file. Safe to repeat after a crash:
   * a key is marked published only after its entry is durable.
   *
   * @param ring the keyring
   * @param ledger the ledger
   * @throws IOException if the ledger refuses or the key file cannot be written
   */
  public static void publishPending(MatchingKeyring ring, LedgerStore ledger) throws IOException {
    for (MatchingKey key : ring.all()) {
      if (key.ledgerIndex().isPresent()) {
        continue;
      }
      Appended appended;
      try {
        appended = ledger.append(EntryType.KEY_PUBLISHED, publishedBody(key)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while publishing key " + key.id(), e);
      } catch (ExecutionException e) {
        throw new IOException(
            "could not publish key " + key.id() + ": " + e.getCause().getMessage(), e.getCause());
      }
      ring.markPublished(key.id(), appended.index());
    }
  }

  /**
   * Returns whether a ledger entry publishes exactly this key id and public key.
   *
   * @param entry a verified ledger entry
   * @param keyId the key id the server named
   * @param publicKey the pkS the partner verified the server's proof against
   * @return true if the entry is the key's {@code key.published} entry
   */
  public static boolean matches(LedgerEntry entry, String keyId, OprfPublicKey publicKey) {
    if (entry.type() != EntryType.KEY_PUBLISHED || !keyId.equals(entry.body().getString("keyId"))) {
      return false;
    }
    byte[] published = Base64.getDecoder().decode(entry.body().getString("publicKey"));
    return MessageDigest.isEqual(published, publicKey.toBytes());
  }
}
