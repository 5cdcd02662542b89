package dev.parley.ledger.keys;

import dev.parley.ledger.note.NoteSigningKey;
import dev.parley.ledger.note.NoteVerifierKey;

/**
 * The ledger's key pair as loaded from (or just written to) its key files.
 *
 * @param signingKey the signing key; the caller owns it and may {@code destroy()} it on shutdown
 * @param verifierKey its verifier key, equal to the content of {@code log.vkey}
 * @param created true if this call generated the key (first start)
 */
public record LedgerKeyPair(
    NoteSigningKey signingKey, NoteVerifierKey verifierKey, boolean created) {}
