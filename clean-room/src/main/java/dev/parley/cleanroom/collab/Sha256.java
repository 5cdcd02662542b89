package dev.parley.cleanroom.collab;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (FIPS 180-4) digests in the lowercase hex the ledger's {@code HEX32} fields hold. */
public final class Sha256 {
  private Sha256() {}

  /**
   * Hashes bytes.
   *
   * @param bytes the input
   * @return the 32-byte digest as 64 lowercase hex characters
   */
  public static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
