package dev.parley.gateway.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Durable file writes for the gateway's own small files (TLS material, first-run state). */
public final class SafeFiles {
  private SafeFiles() {}

  /**
   * Writes {@code bytes} to {@code target} atomically and durably: temp file (created with its
   * final permissions), fsync, rename, fsync of the directory.
   *
   * @param target the file to replace
   * @param bytes the content
   * @param ownerOnly create with mode 0600 instead of 0644
   * @throws IOException if any step fails
   */
  public static void writeAtomically(Path target, byte[] bytes, boolean ownerOnly)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            "." + target.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--")));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
