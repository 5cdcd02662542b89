/**
 * The ristretto255 prime-order group (RFC 9496): field arithmetic mod 2^255 - 19, scalars mod the
 * group order, and group elements with encoding, decoding, equality, arithmetic and the one-way
 * map.
 *
 * <p>Public types: {@link dev.parley.cleanroom.group.RistrettoElement}, {@link
 * dev.parley.cleanroom.group.Scalar}, {@link dev.parley.cleanroom.group.ScalarMultiplier} (a secret
 * scalar recoded once for many multiplications, with batched encoding) and {@link
 * dev.parley.cleanroom.group.InvalidEncodingException}. The field ({@code Field25519}) and point
 * formulas ({@code EdwardsPoint}) are internal, so their representation can change without touching
 * callers.
 */
package dev.parley.cleanroom.group;
