/** Parley's append-only ledger: a hash-chained, Merkle-tree transparency log. */
package dev.parley.ledger;
