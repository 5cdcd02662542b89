package dev.parley.ledger.entry;

import dev.parley.ledger.merkle.MerkleHash;
import java.security.MessageDigest;

/**
 * The ledger's linear hash chain: h<sub>i</sub> = SHA-256(h<sub>i-1</sub> || leafHash<sub>i</sub>),
 * with h<sub>-1</sub> = 32 zero bytes.
 *
 * <p>Each entry's {@code prev} field holds h<sub>i-1</sub>, so an auditor can verify the log by a
 * plain linear re-hash as well as through the Merkle tree.
 */
public final class ChainHash {
  /** h<sub>-1</sub>: the {@code prev} of the first entry. */
  private static final byte[] GENESIS = new byte[32];

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(MerkleHash::newDigest);

  private ChainHash() {}

  /**
   * Returns the next chain hash.
   *
   * @param previous h<sub>i-1</sub> (32 bytes)
   * @param leafHash the RFC 9162 leaf hash of entry i
   * @return h<sub>i</sub>
   */
  public static byte[] next(byte[] previous, byte[] leafHash) {
    MessageDigest sha = DIGEST.get();
    sha.reset();
    sha.update(previous);
    sha.update(leafHash);
    return sha.digest();
  }

  /**
   * Returns h<sub>-1</sub> as a fresh array.
   *
   * @return 32 zero bytes
   */
  public static byte[] genesis() {
    return GENESIS.clone();
  }
}
