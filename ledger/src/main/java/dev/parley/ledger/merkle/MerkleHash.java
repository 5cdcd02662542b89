package dev.parley.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The RFC 9162 Merkle tree hash functions over SHA-256.
 *
 * <p>RFC 9162 §2.1.1: "MTH({}) = HASH()", "MTH({d(0)}) = HASH(0x00 || d(0))" and "MTH(D_n) =
 * HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))". Each thread reuses one {@link MessageDigest}, so
 * hashing allocates only the 32-byte result; a caller on a hot path may pass its own digest
 * instead. Every method resets the digest before use, so a digest left dirty by a failed call
 * cannot corrupt the next hash.
 */
public final class MerkleHash {
  /** The length of every Merkle tree hash in bytes (SHA-256). */
  public static final int HASH_SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(MerkleHash::newDigest);
  private static final byte[] EMPTY_ROOT = DIGEST.get().digest();

  /** A digest that has absorbed {@code 0x00}; only ever cloned, never updated. */
  private static final MessageDigest LEAF_STARTED = newDigest();

  static {
    LEAF_STARTED.update(LEAF_PREFIX);
  }

  private MerkleHash() {}

  /**
   * Returns a new SHA-256 digest, suitable for the digest-taking overloads.
   *
   * @return a fresh SHA-256 {@link MessageDigest}
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Returns a new SHA-256 digest that has already absorbed the leaf prefix {@code 0x00}: updating
   * it with an entry's bytes and calling {@link MessageDigest#digest()} gives that entry's leaf
   * hash. Lets the bytes of an entry that are known early be hashed early, on another thread.
   *
   * @return a digest owned by the caller
   */
  public static MessageDigest startLeafHash() {
    try {
      return (MessageDigest) LEAF_STARTED.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-256 digest cannot be cloned", e);
    }
  }

  /**
   * Returns the root of the empty tree, {@code MTH({}) = SHA-256("")}.
   *
   * @return a fresh copy of the 32 bytes {@code e3b0c442…b855}
   */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /**
   * Returns the leaf hash {@code SHA-256(0x00 || entry)}.
   *
   * @param entry the entry bytes
   * @return 32 bytes
   */
  public static byte[] leafHash(byte[] entry) {
    return leafHash(DIGEST.get(), entry, 0, entry.length);
  }

  /**
   * Returns the leaf hash of {@code length} bytes of {@code buffer} from {@code offset}, so that an
   * entry can be hashed in place inside an entry bundle.
   *
   * @param buffer holds the entry
   * @param offset where the entry starts
   * @param length the entry length
   * @return 32 bytes
   * @throws IndexOutOfBoundsException if the range is not inside {@code buffer}
   */
  public static byte[] leafHash(byte[] buffer, int offset, int length) {
    return leafHash(DIGEST.get(), buffer, offset, length);
  }

  /**
   * Returns the leaf hash {@code SHA-256(0x00 || entry)} computed with the given digest.
   *
   * @param sha256 a SHA-256 digest owned by the caller (reset before use)
   * @param buffer holds the entry
   * @param offset where the entry starts
   * @param length the entry length
   * @return 32 bytes
   * @throws IndexOutOfBoundsException if the range is not inside {@code buffer}
   */
  public static byte[] leafHash(MessageDigest sha256, byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    sha256.reset();
    sha256.update(LEAF_PREFIX);
    sha256.update(buffer, offset, length);
    return sha256.digest();
  }

  /**
   * Returns the interior node hash {@code SHA-256(0x01 || left || right)}.
   *
   * @param left the left child hash
   * @param right the right child hash
   * @return 32 bytes
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    return nodeHash(DIGEST.get(), left, right);
  }

  /**
   * Returns the interior node hash {@code SHA-256(0x01 || left || right)} computed with the given
   * digest.
   *
   * @param sha256 a SHA-256 digest owned by the caller (reset before use)
   * @param left the left child hash
   * @param right the right child hash
   * @return 32 bytes
   */
  public static byte[] nodeHash(MessageDigest sha256, byte[] left, byte[] right) {
    sha256.reset();
    sha256.update(NODE_PREFIX);
    sha256.update(left);
    sha256.update(right);
    return sha256.digest();
  }
}
