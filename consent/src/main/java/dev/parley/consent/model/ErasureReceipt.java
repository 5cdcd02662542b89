package dev.parley.consent.model;

/**
 * What erasure returns: the ledger entry announcing it and how much was removed.
 *
 * @param ledgerIndex the index of the {@code subject.erased} ledger entry
 * @param subjectCommitment the commitment that can no longer be linked to the person
 * @param recordsRemoved how many consent records left the store
 */
public record ErasureReceipt(long ledgerIndex, String subjectCommitment, int recordsRemoved) {}
