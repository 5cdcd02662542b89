package dev.parley.ledger.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files holding secret key material: created with mode 0600 from the start, replaced atomically and
 * durably, and refused on read if anyone but the owner may read or write them.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private SecretFiles() {}

  /**
   * Durably writes a secret file with mode 0600 (never readable by others, even briefly).
   *
   * @param file the file
   * @param bytes the content
   * @throws IOException if it cannot be written
   */
  public static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
    DurableFiles.write(file, bytes, true);
  }

  /**
   * Reads a secret file after checking that only its owner can read or write it.
   *
   * @param file the file
   * @return its bytes
   * @throws IOException if it cannot be read, or (with the path and the actual mode in the message)
   *     if its permissions are wider than owner read/write
   */
  public static byte[] readOwnerOnly(Path file) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new IOException(
          file
              + ": permissions are "
              + PosixFilePermissions.toString(perms)
              + " but a key file must be readable by its owner only (chmod 600 "
              + file
              + ")");
    }
    return Files.readAllBytes(file);
  }
}
