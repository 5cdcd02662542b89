package dev.parley.gateway.signin;

import dev.parley.cleanroom.identity.IdentifierHash;
import dev.parley.cleanroom.identity.InvalidIdentifierException;
import dev.parley.cleanroom.identity.Normalizer;
import dev.parley.cleanroom.keys.MatchingKey;
import dev.parley.cleanroom.keys.MatchingKeyring;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.model.SubjectToken;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.util.Objects;

/**
 * Turns an email address into the subject token that partners' uploads of the same address yield:
 * UID2 normalization, SHA-256 ({@link IdentifierHash}), then the RFC 9497 VOPRF Evaluate under the
 * keyring's active matching key ({@link Tokenizer}, as the server tokenizes uploads). The address
 * is neither kept nor logged; only the 64-byte token leaves.
 */
public final class EmailSubjects {
  private final MatchingKeyring keyring;
  private volatile KeyedTokenizer current;

  private record KeyedTokenizer(String keyId, Tokenizer tokenizer) {}

  /**
   * Creates the mapping.
   *
   * @param keyring the matching keys; the active one tokenizes
   */
  public EmailSubjects(MatchingKeyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
  }

  /**
   * Returns the subject token of an email address.
   *
   * @param rawEmail the address as typed
   * @return the subject token (64 bytes)
   * @throws InvalidIdentifierException saying why the address is not acceptable, without echoing it
   */
  public SubjectToken subjectOf(String rawEmail) {
    IdentifierHash hash = IdentifierHash.of(Normalizer.normalizeEmail(rawEmail));
    return SubjectToken.of(tokenizer().token(hash));
  }

  private Tokenizer tokenizer() {
    MatchingKey active = keyring.active();
    KeyedTokenizer t = current;
    if (t == null || !t.keyId().equals(active.id())) {
      t =
          new KeyedTokenizer(
              active.id(), Tokenizer.create(OprfMode.VOPRF, active.key(), SecretKeyAccess.grant()));
      current = t;
    }
    return t.tokenizer();
  }
}
