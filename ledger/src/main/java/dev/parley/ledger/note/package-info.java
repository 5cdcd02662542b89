/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys: key names and IDs, verifier
 * keys ({@code vkey}), signing keys (Go's {@code skey} encoding), and signing and opening notes.
 *
 * <p>Pure logic: nothing here touches files, clocks or the network. Secret key material is only
 * readable through a {@link dev.parley.ledger.secret.SecretKeyAccess} token. Every rejection is an
 * {@link java.lang.IllegalArgumentException}; notes fail with a {@link
 * dev.parley.ledger.note.NoteException} subtype that names the line and the key.
 */
package dev.parley.ledger.note;
