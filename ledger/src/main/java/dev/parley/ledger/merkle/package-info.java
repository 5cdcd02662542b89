/**
 * The RFC 9162 Merkle tree with SHA-256: leaf and node hashing, an append-only compact range,
 * inclusion and consistency proofs over stored subtree hashes, and their verification. Pure logic:
 * no file I/O; stored hashes come in through {@link dev.parley.ledger.merkle.HashReader}.
 *
 * <p>Entry points: {@link dev.parley.ledger.merkle.MerkleHash}, {@link
 * dev.parley.ledger.merkle.CompactRange} and {@link dev.parley.ledger.merkle.MerkleProofs}.
 */
package dev.parley.ledger.merkle;
