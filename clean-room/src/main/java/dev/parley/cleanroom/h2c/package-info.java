/**
 * Hashing to ristretto255 (RFC 9380): expand_message_xmd with SHA-512, hash_to_ristretto255 and the
 * HashToScalar of RFC 9497.
 */
package dev.parley.cleanroom.h2c;
