package dev.parley.ledger.receipt;

import dev.parley.ledger.checkpoint.Checkpoint;
import dev.parley.ledger.checkpoint.SignedCheckpoint;
import dev.parley.ledger.entry.EntryFormatException;
import dev.parley.ledger.entry.LedgerEntry;
import dev.parley.ledger.merkle.MerkleHash;
import dev.parley.ledger.merkle.MerkleProofs;
import dev.parley.ledger.note.NoteVerifierKey;

/**
 * Verifies a {@link Receipt} offline with nothing but the log's verifier key.
 *
 * <p>Steps: (1) open the checkpoint note and check its Ed25519 signature (C2SP signed-note) under
 * the key; (2) check the entry is a well-formed ledger entry; (3) recompute the RFC 9162 leaf hash
 * of the entry bytes and run the inclusion-proof verification of RFC 9162 section 2.1.3.2 against
 * the checkpoint's size and root.
 */
public final class ReceiptVerifier {
  private ReceiptVerifier() {}

  /** A verified receipt: the entry and the checkpoint that includes it. */
  public record Verified(LedgerEntry entry, Checkpoint checkpoint) {}

  /**
   * Verifies a receipt.
   *
   * @param receipt the receipt
   * @param key the log's verifier key
   * @return the verified entry and checkpoint
   * @throws IllegalArgumentException saying which step failed
   */
  public static Verified verify(Receipt receipt, NoteVerifierKey key) {
    Checkpoint cp;
    try {
      cp = SignedCheckpoint.open(receipt.checkpointNote(), key);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("checkpoint: " + e.getMessage(), e);
    }
    LedgerEntry entry;
    try {
      entry = LedgerEntry.decode(receipt.entry());
    } catch (EntryFormatException e) {
      throw new IllegalArgumentException("entry: " + e.getMessage(), e);
    }
    if (receipt.index() >= cp.size()) {
      throw new IllegalArgumentException(
          "index: " + receipt.index() + " is not below the checkpoint's tree size " + cp.size());
    }
    byte[] leaf = MerkleHash.leafHash(receipt.entry());
    if (!MerkleProofs.verifyInclusion(
        leaf, receipt.index(), cp.size(), receipt.proof(), cp.rootHash())) {
      throw new IllegalArgumentException(
          "proof: the entry at index "
              + receipt.index()
              + " does not lead to the checkpoint's root (tree size "
              + cp.size()
              + ")");
    }
    return new Verified(entry, cp);
  }
}
