package dev.parley.ledger.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Creates a file atomically and durably, never replacing an existing one.
 *
 * <p>Steps: create a temporary file in the target's directory with owner-only permissions from the
 * start (so secret bytes are never in a wider file, whatever the umask), set the final permissions,
 * write and {@code fsync} it, publish it under the final name, remove the temporary name, and
 * {@code fsync} the directory so the new name survives a power cut.
 *
 * <p>Publishing uses {@code link(2)} rather than {@code rename(2)}: both are atomic, but a link
 * fails if the target exists, so a second process racing to create the key cannot overwrite the
 * first one's key (a rename would silently replace it). File systems without hard links fall back
 * to an atomic rename after checking that the target is absent.
 */
final class NewFiles {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final String TEMP_SUFFIX = ".tmp";

  private NewFiles() {}

  /**
   * Creates {@code target} with {@code bytes} and {@code permissions} unless it exists.
   *
   * @return true if this call created the file, false if it already existed
   */
  static boolean create(Path target, byte[] bytes, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp =
        Files.createTempFile(
            dir,
            "." + target.getFileName() + ".",
            TEMP_SUFFIX,
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.setPosixFilePermissions(tmp, permissions);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (!publish(tmp, target)) {
        return false;
      }
      Files.deleteIfExists(tmp);
      forceDirectory(dir);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean publish(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  /** Creates a directory and any missing parents, forcing each new entry to disk. */
  static void createDirectories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    List<Path> missing = new ArrayList<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.addFirst(p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
      forceDirectory(p.getParent());
    }
  }

  /** Deletes temporary files a crash left behind for {@code target}. */
  static void removeStaleTemps(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    String glob = "." + target.getFileName() + ".*" + TEMP_SUFFIX;
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, glob)) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
