/**
 * The ledger's signing key files: {@code <data>/ledger/log.key} (the Ed25519 signing key in the
 * note skey encoding, owner-only) and {@code <data>/ledger/log.vkey} (its public verifier key).
 *
 * <p>This is the I/O layer over {@link dev.parley.ledger.note}: it creates the files atomically and
 * durably, refuses a key file that others can read, and checks the pair matches. No key byte is
 * ever logged or put in an exception message.
 */
package dev.parley.ledger.keys;
