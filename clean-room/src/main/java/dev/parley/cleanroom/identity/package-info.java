/**
 * Identifier normalization and hashing exactly as UID2 specifies ("Normalization and Encoding"):
 * partners upload SHA-256 hashes of normalized emails and E.164 phone numbers, never the raw
 * values.
 *
 * <p>Entry points: {@link dev.parley.cleanroom.identity.Normalizer}, {@link
 * dev.parley.cleanroom.identity.IdentifierHash}. Raw identifiers are personal data: no type in this
 * package prints them in {@code toString()} or puts them in exception messages.
 */
package dev.parley.cleanroom.identity;
