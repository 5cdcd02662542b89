package dev.parley.ledger.note;

/**
 * Why a signed note was rejected: it is malformed, a known key's signature does not verify, or no
 * known key signed it.
 *
 * <p>An {@link IllegalArgumentException}, so callers that treat bad input uniformly need not know
 * the subtypes; callers that react differently switch over the sealed hierarchy.
 */
public abstract sealed class NoteException extends IllegalArgumentException
    permits MalformedNoteException, InvalidSignatureException, UnverifiedNoteException {
  NoteException(String message) {
    super(message);
  }
}
