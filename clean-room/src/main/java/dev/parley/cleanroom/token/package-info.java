/**
 * Tokenization of hashed identifiers with the clean room's OPRF key: a token is the RFC 9497
 * Evaluate output for the 32 raw bytes of an identifier's SHA-256 hash. {@link
 * dev.parley.cleanroom.token.Tokenizer} computes one token or many, the latter on every core.
 */
package dev.parley.cleanroom.token;
