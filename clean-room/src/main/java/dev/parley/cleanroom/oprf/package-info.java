/**
 * Oblivious pseudorandom functions over ristretto255 with SHA-512 (RFC 9497), modes OPRF and VOPRF.
 *
 * <p>Clients: {@link dev.parley.cleanroom.oprf.OprfClient}, {@link
 * dev.parley.cleanroom.oprf.VoprfClient}. Servers: {@link dev.parley.cleanroom.oprf.OprfServer},
 * {@link dev.parley.cleanroom.oprf.VoprfServer}, whose {@code evaluate} is the direct PRF the clean
 * room uses to tokenize hashed identifiers. Keys: {@link dev.parley.cleanroom.oprf.OprfPrivateKey}
 * (secret bytes only through a {@code SecretKeyAccess} token) and {@link
 * dev.parley.cleanroom.oprf.OprfPublicKey}. Proofs: {@link dev.parley.cleanroom.oprf.Dleq}.
 * Failures are {@link dev.parley.cleanroom.oprf.OprfException}s carrying the RFC's error kind.
 */
package dev.parley.cleanroom.oprf;
