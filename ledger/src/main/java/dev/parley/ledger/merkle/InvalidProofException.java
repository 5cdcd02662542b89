package dev.parley.ledger.merkle;

import java.util.Objects;

/** An RFC 9162 inclusion or consistency proof that does not verify, with the precise reason. */
public final class InvalidProofException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a proof was rejected. */
  public enum Reason {
    /** The leaf index is negative or not below the tree size. */
    INDEX_OUT_OF_RANGE,
    /** A tree size is negative, or the old size exceeds the new size. */
    SIZE_OUT_OF_RANGE,
    /** A consistency proof from the empty tree (RFC 9162 defines them only from size 1). */
    EMPTY_OLD_TREE,
    /** A leaf hash, root hash or proof element is not 32 bytes. */
    MALFORMED_HASH,
    /** The proof has more or fewer hashes than the sizes and index require. */
    WRONG_PROOF_LENGTH,
    /** The proof leads to a different root (inclusion) or old root (consistency). */
    ROOT_MISMATCH,
    /** A consistency proof leads to a different new root. */
    NEW_ROOT_MISMATCH
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason the category
   * @param message what exactly failed, naming the field, element or size
   */
  public InvalidProofException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  /**
   * Returns why the proof was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
