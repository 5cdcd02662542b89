package dev.parley.consent.model;

/**
 * What a bulk import batch returns: its one ledger entry and what it covers.
 *
 * @param ledgerIndex the index of the batch's {@code ledger.note} entry, also the ledger index of
 *     every record in the batch
 * @param records how many records the batch stored
 * @param digest SHA-256 (hex) over the batch's record ids and subject commitments, as written in
 *     the ledger note
 */
public record BulkReceipt(long ledgerIndex, int records, String digest) {}
