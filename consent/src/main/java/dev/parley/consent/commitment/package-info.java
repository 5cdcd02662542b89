/**
 * The salted subject commitment written on the ledger, and the owner-only store of per-subject
 * salts whose deletion makes old ledger entries unlinkable.
 */
package dev.parley.consent.commitment;
