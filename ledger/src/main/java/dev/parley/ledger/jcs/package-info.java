/**
 * The JSON Canonicalization Scheme (JCS, RFC 8785): a strict I-JSON parser, an immutable JSON value
 * model and the canonical UTF-8 serializer that ledger entries are hashed and signed over.
 *
 * <p>Entry points: {@link dev.parley.ledger.jcs.Jcs#parse(byte[])}, {@link
 * dev.parley.ledger.jcs.Jcs#canonicalize(JsonValue)} and {@link
 * dev.parley.ledger.jcs.JsonObject#builder()}.
 */
package dev.parley.ledger.jcs;
