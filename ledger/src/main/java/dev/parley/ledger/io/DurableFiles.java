package dev.parley.ledger.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Crash-safe file replacement: every write goes to a temporary file in the target's directory, is
 * forced to disk, renamed over the target, and the directory is forced too.
 *
 * <p>After {@link #writeAll} returns, each file either has its new content durably or (if the call
 * threw) its old content or nothing; a reader never sees a torn file under the final name, because
 * POSIX {@code rename(2)} is atomic and the directory fsync makes the rename itself durable. New
 * directories are created and their parents forced as well, so a new path survives a power cut.
 */
public final class DurableFiles {
  private static final FileAttribute<Set<PosixFilePermission>> PUBLIC =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private DurableFiles() {}

  /** One file to write: where, what, and whether only the owner may read it. */
  @SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
  public record Write(Path path, byte[] bytes, boolean ownerOnly) {
    /**
     * A world-readable file (tiles, bundles, checkpoints, public keys).
     *
     * @param path the target
     * @param bytes the content
     * @return the write
     */
    public static Write publicFile(Path path, byte[] bytes) {
      return new Write(path, bytes, false);
    }
  }

  /**
   * Durably replaces one file.
   *
   * @param path the target
   * @param bytes the content
   * @param ownerOnly create with mode 0600 instead of 0644
   * @throws IOException if any step fails
   */
  public static void write(Path path, byte[] bytes, boolean ownerOnly) throws IOException {
    writeAll(List.of(new Write(path, bytes, ownerOnly)), null);
  }

  /**
   * Durably replaces several files as one step: all temp files are written and forced (in parallel
   * when {@code pool} is given, which lets the file system merge the flushes), then all are
   * renamed, then every touched directory is forced.
   *
   * <p>The files are not replaced atomically <em>as a group</em>: after a crash some may be new and
   * some old. Use {@link #createAllThenReplace} when a commit file must follow the group.
   *
   * @param writes the files
   * @param pool an executor for parallel fsyncs, or null to run sequentially
   * @throws IOException if any step fails; temp files are removed
   */
  public static void writeAll(List<Write> writes, ExecutorService pool) throws IOException {
    List<Path> temps = new ArrayList<>(writes.size());
    Set<Path> dirs = new LinkedHashSet<>();
    try {
      for (Write w : writes) {
        Path dir = w.path().toAbsolutePath().getParent();
        createDirectories(dir, dirs);
        dirs.add(dir);
        temps.add(Files.createTempFile(dir, ".tmp-", "", w.ownerOnly() ? OWNER_ONLY : PUBLIC));
      }
      List<Runnable> fills = new ArrayList<>(writes.size());
      for (int i = 0; i < writes.size(); i++) {
        Path tmp = temps.get(i);
        byte[] bytes = writes.get(i).bytes();
        fills.add(() -> fill(tmp, bytes));
      }
      runAll(fills, pool);
      for (int i = 0; i < writes.size(); i++) {
        Files.move(temps.get(i), writes.get(i).path(), StandardCopyOption.ATOMIC_MOVE);
        temps.set(i, null);
      }
      forceAll(dirs, pool);
    } finally {
      for (Path tmp : temps) {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      }
    }
  }

  /**
   * Durably creates a group of new, immutable files under their final names and then, strictly
   * after the group is durable, replaces one commit file that refers to them. Two rounds of flushes
   * instead of three.
   *
   * <p>Round 1, in parallel: each new file's data is forced, each directory holding a new file is
   * forced (its entry was created before the round began), and the commit file's temp file is
   * written and forced. Round 2: the commit file is renamed into place and its directory forced.
   *
   * <p>Safe only for files that nothing reads before the commit file refers to them: a reader could
   * otherwise see a file half written. The ledger qualifies: a tile or bundle is named by the
   * entries it covers, readers fetch only what a durable checkpoint covers, and files beyond the
   * checkpoint after a crash are deleted at the next start. An existing file of the same name (left
   * beyond the checkpoint) is truncated and rewritten.
   *
   * @param files the new files
   * @param commit the file to replace last
   * @param pool an executor for parallel fsyncs, or null to run sequentially
   * @throws IOException if any step fails
   */
  public static void createAllThenReplace(List<Write> files, Write commit, ExecutorService pool)
      throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Write w : files) {
      Path dir = w.path().toAbsolutePath().getParent();
      createDirectories(dir, dirs);
      dirs.add(dir);
    }
    Path commitDir = commit.path().toAbsolutePath().getParent();
    Path commitTemp =
        Files.createTempFile(commitDir, ".tmp-", "", commit.ownerOnly() ? OWNER_ONLY : PUBLIC);
    try {
      // Create every directory entry first (cheap), so that forcing the directories can run in
      // the same parallel round as forcing the files' data.
      for (Write w : files) {
        FileChannel.open(w.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
      }
      List<Runnable> round = new ArrayList<>(files.size() + dirs.size() + 1);
      for (Write w : files) {
        round.add(() -> create(w));
      }
      for (Path dir : dirs) {
        round.add(() -> forceDirectory(dir));
      }
      round.add(() -> fill(commitTemp, commit.bytes()));
      runAll(round, pool);
      Files.move(commitTemp, commit.path(), StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(commitDir);
    } finally {
      Files.deleteIfExists(commitTemp);
    }
  }

  private static void create(Write w) {
    try (FileChannel ch =
        FileChannel.open(
            w.path(),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(w.bytes());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + w.path(), e);
    }
  }

  private static void forceAll(Set<Path> dirs, ExecutorService pool) throws IOException {
    List<Runnable> syncs = new ArrayList<>(dirs.size());
    for (Path dir : dirs) {
      syncs.add(() -> forceDirectory(dir));
    }
    runAll(syncs, pool);
  }

  /**
   * Deletes files (ignoring ones already gone) and forces their directories.
   *
   * @param paths the files
   * @throws IOException if a delete or directory fsync fails
   */
  public static void deleteAll(List<Path> paths) throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : paths) {
      try {
        Files.delete(p);
        dirs.add(p.toAbsolutePath().getParent());
      } catch (NoSuchFileException e) {
        // already gone: the goal state
      }
    }
    for (Path dir : dirs) {
      forceDirectory(dir);
    }
  }

  /**
   * Forces a directory's entries (creations, renames, deletions) to disk.
   *
   * @param dir the directory
   */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fsync directory " + dir, e);
    }
  }

  private static void createDirectories(Path dir, Set<Path> touched) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createDirectories(parent, touched);
    }
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return;
    }
    if (parent != null) {
      touched.add(parent);
    }
  }

  private static void fill(Path tmp, byte[] bytes) {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  private static void runAll(List<Runnable> tasks, ExecutorService pool) throws IOException {
    try {
      if (pool == null || tasks.size() < 2) {
        for (Runnable t : tasks) {
          t.run();
        }
        return;
      }
      List<Future<?>> futures = new ArrayList<>(tasks.size());
      for (Runnable t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("durable write failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during durable write", e);
    }
  }
}
