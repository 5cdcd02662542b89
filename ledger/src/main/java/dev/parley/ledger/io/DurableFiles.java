package dev.parley.ledger.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;

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

  /**
   * One file to write: where, what (the first {@code length} bytes of {@code bytes}, which the
   * caller must not change until the write is done), and whether only the owner may read it.
   */
  @SuppressWarnings("ArrayRecordComponent") // byte strings copied or never compared
  public record Write(Path path, byte[] bytes, int length, boolean ownerOnly) {
    /** Checks that {@code length} is within {@code bytes}. */
    public Write {
      java.util.Objects.checkFromIndexSize(0, length, bytes.length);
    }

    /**
     * A file of all of {@code bytes}.
     *
     * @param path the target
     * @param bytes the content
     * @param ownerOnly create with mode 0600 instead of 0644
     */
    public Write(Path path, byte[] bytes, boolean ownerOnly) {
      this(path, bytes, bytes.length, ownerOnly);
    }

    /**
     * A world-readable file of the first {@code length} bytes of {@code bytes}.
     *
     * @param path the target
     * @param bytes holds the content
     * @param length how many bytes
     * @return the write
     */
    public static Write publicFile(Path path, byte[] bytes, int length) {
      return new Write(path, bytes, length, false);
    }

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
   * some old. Use {@link #prepare} when a commit file must follow the group.
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
        Write w = writes.get(i);
        fills.add(() -> fill(tmp, w));
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
   * after the group is durable, replaces one commit file that refers to them: two rounds of flushes
   * instead of three. Starts round 1 and returns at once, so that a caller can prepare the next
   * group while this one is being flushed; {@link Prepared#commit} finishes it.
   *
   * <p>Round 1, on {@code pool}: one task per directory (the commit file's temp file is a group of
   * its own) creates the directory if needed and forces every parent that gained an entry, creates
   * each of its files, starts writing and forcing each file's data as a further task, and forces
   * the directory once all its entries exist (except the temp file's: only its rename in round 2
   * must survive a crash, and round 2 forces the directory after it). Nothing is created on the
   * calling thread: file creation can cost more than the rest of a ledger batch's work. {@link
   * Prepared#commit} then waits for round 1 (every group and every file write it started) and runs
   * round 2: the temp file is renamed over the commit file and its directory is forced.
   *
   * <p>Safe only for files that nothing reads before the commit file refers to them: a reader could
   * otherwise see a file half written. The ledger qualifies: a tile or bundle is named by the
   * entries it covers, readers fetch only what a durable checkpoint covers, and files beyond the
   * checkpoint after a crash are deleted at the next start. An existing file of the same name (left
   * beyond the checkpoint) is truncated and rewritten. Groups prepared one after another may be in
   * round 1 at the same time; the caller commits them in order.
   *
   * @param files the new files
   * @param commit the file to replace last
   * @param pool an executor for parallel fsyncs, or null to run round 1 here
   * @param tempName the temp file's name in the commit file's directory (must start with {@code
   *     .tmp-} and be unique among groups in flight), or null for a random one
   * @return the group, in round 1
   * @throws IOException if a directory or file cannot be created when {@code pool} is null (with a
   *     pool, such failures surface from {@link Prepared#commit})
   */
  public static Prepared prepare(
      List<Write> files, Write commit, ExecutorService pool, String tempName) throws IOException {
    return prepare(files, commit, pool, tempName, null);
  }

  /**
   * {@link #prepare(List, Write, ExecutorService, String)} recycling inodes: each new public file,
   * the commit file's temp file included, and each new directory of a group is a spare from {@code
   * spares} renamed into place when one is available, and round 2 hands the replaced commit file to
   * {@code spares} instead of freeing it. A recycled file is overwritten, truncated to its length
   * and forced exactly like a new one, and its directory forced as well.
   *
   * @param files the new files
   * @param commit the file to replace last
   * @param pool an executor for parallel fsyncs, or null to run round 1 here
   * @param tempName the temp file's name, as for the method above
   * @param spares the pool of spare inodes, or null to create and free as usual
   * @return the group, in round 1
   * @throws IOException as for the method above
   */
  public static Prepared prepare(
      List<Write> files, Write commit, ExecutorService pool, String tempName, SpareInodes spares)
      throws IOException {
    Map<Path, List<Write>> byDir = new LinkedHashMap<>();
    for (Write w : files) {
      byDir.computeIfAbsent(w.path().toAbsolutePath().getParent(), d -> new ArrayList<>()).add(w);
    }
    Path commitDir = commit.path().toAbsolutePath().getParent();
    Path commitTemp = commitDir.resolve(tempName == null ? ".tmp-" + UUID.randomUUID() : tempName);
    Write temp = new Write(commitTemp, commit.bytes(), commit.length(), commit.ownerOnly());
    List<Future<?>> round1 = new ArrayList<>();
    Prepared prepared = new Prepared(round1, commitTemp, commit.path(), commitDir, spares);
    List<Callable<List<Future<?>>>> groups = new ArrayList<>(byDir.size() + 1);
    for (Map.Entry<Path, List<Write>> group : byDir.entrySet()) {
      groups.add(() -> createGroup(group.getKey(), group.getValue(), false, pool, spares));
    }
    // The commit file's temp file is one more group of its own; nothing refers to it yet. Its
    // directory is not forced here: the temp name never needs to survive a crash, only the rename
    // in round 2 does, and round 2 forces that directory (one device flush fewer per group).
    groups.add(() -> createGroup(commitDir, List.of(temp), true, pool, spares));
    for (Callable<List<Future<?>>> task : groups) {
      if (pool == null) {
        try {
          task.call(); // starts nothing: every write ran inline
        } catch (Exception e) {
          prepared.abandon();
          throw e instanceof IOException io ? io : new IOException("durable write failed", e);
        }
      } else {
        round1.add(pool.submit(task));
      }
    }
    return prepared;
  }

  /**
   * Round 1 for the files of one directory: creates the directory (forcing every parent that gained
   * an entry), creates each file's entry, starts forcing each file's data, and forces the directory
   * once all its entries exist. The commit file's temp file ({@code commitTemp}) is created
   * exclusively and its directory is left to round 2, which renames it and then forces it.
   *
   * @return the file writes started on {@code pool} (empty when run inline)
   */
  private static List<Future<?>> createGroup(
      Path dir, List<Write> writes, boolean commitTemp, ExecutorService pool, SpareInodes spares)
      throws IOException {
    Set<Path> parents = new LinkedHashSet<>();
    if (!Files.isDirectory(dir)) {
      // Only the group's own directory may be a spare: parents are shared between groups.
      createDirectories(dir.getParent(), parents);
      if (spares != null && spares.takeDirectory(dir)) {
        parents.add(dir.getParent());
      } else {
        createDirectories(dir, parents);
      }
    }
    List<Future<?>> started = new ArrayList<>(writes.size());
    List<Runnable> inline = new ArrayList<>();
    for (Write w : writes) {
      FileChannel ch = openNew(w, commitTemp, spares);
      Runnable fill = () -> writeAndForce(ch, w);
      if (pool == null) {
        inline.add(fill);
      } else {
        started.add(pool.submit(fill));
      }
    }
    runAll(inline, null);
    for (Path p : parents) {
      forceDirectory(p);
    }
    if (!commitTemp) {
      forceDirectory(dir);
    }
    return started;
  }

  /**
   * Opens a file of round 1 for writing from its first byte: a spare renamed into place if {@code
   * spares} has one (only for a public file that does not exist yet), else a new file (created
   * exclusively for the commit file's temp file), else the leftover of the same name, which {@link
   * #writeAndForce} overwrites and truncates.
   */
  private static FileChannel openNew(Write w, boolean commitTemp, SpareInodes spares)
      throws IOException {
    if (spares != null
        && !w.ownerOnly()
        && Files.notExists(w.path(), LinkOption.NOFOLLOW_LINKS)
        && spares.take(w.path())) {
      return FileChannel.open(w.path(), StandardOpenOption.WRITE);
    }
    if (commitTemp) {
      return FileChannel.open(
          w.path(),
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          w.ownerOnly() ? OWNER_ONLY : PUBLIC);
    }
    return FileChannel.open(
        w.path(),
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        w.ownerOnly() ? OWNER_ONLY : PUBLIC);
  }

  /** A group of new files in round 1 of {@link #prepare}, with its commit file not yet replaced. */
  public static final class Prepared {
    private final List<Future<?>> round1;
    private final Path commitTemp;
    private final Path commitPath;
    private final Path commitDir;
    private final SpareInodes spares;

    private Prepared(
        List<Future<?>> round1,
        Path commitTemp,
        Path commitPath,
        Path commitDir,
        SpareInodes spares) {
      this.round1 = round1;
      this.commitTemp = commitTemp;
      this.commitPath = commitPath;
      this.commitDir = commitDir;
      this.spares = spares;
    }

    /**
     * Waits for every directory group and every file write it started, even after one has failed
     * (so that no task can create the temp file after the caller removed it), then reports the
     * first failure.
     */
    private void awaitRound1() throws IOException {
      List<Future<?>> all = new ArrayList<>(round1);
      IOException first = null;
      for (int i = 0; i < all.size(); i++) {
        try {
          if (await(all.get(i)) instanceof List<?> started) {
            for (Object f : started) {
              all.add((Future<?>) f);
            }
          }
        } catch (IOException e) {
          if (first == null) {
            first = e;
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }

    /** Removes the commit temp file after a failed round 1 started inline. */
    private void abandon() throws IOException {
      Files.deleteIfExists(commitTemp);
    }

    /**
     * Waits for round 1, then renames the commit file's temp file into place and forces its
     * directory. On failure the temp file is removed and the commit file keeps its old content.
     *
     * @throws IOException if any write, fsync or the rename failed
     */
    public void commit() throws IOException {
      boolean renamed = false;
      try {
        awaitRound1();
        Path kept = spares == null ? null : spares.keepReplaced(commitPath);
        try {
          Files.move(commitTemp, commitPath, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          if (kept != null) {
            spares.forget(kept);
          }
          throw e;
        }
        renamed = true;
        forceDirectory(commitDir);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        if (!renamed) {
          Files.deleteIfExists(commitTemp);
        }
      }
    }
  }

  private static void writeAndForce(FileChannel channel, Write w) {
    try (FileChannel ch = channel) {
      ByteBuffer buf = ByteBuffer.wrap(w.bytes(), 0, w.length());
      long position = 0;
      while (buf.hasRemaining()) {
        position += ch.write(buf, position);
      }
      ch.truncate(w.length()); // a leftover or recycled file may have been longer
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
   * Deletes a directory and everything under it, without forcing anything: for scratch directories
   * whose removal need not survive a crash.
   *
   * @param dir the directory (nothing happens if it does not exist)
   * @throws IOException if a file cannot be deleted
   */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
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

  private static void fill(Path tmp, Write w) {
    try {
      writeAndForce(FileChannel.open(tmp, StandardOpenOption.WRITE), w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  private static void runAll(List<Runnable> tasks, ExecutorService pool) throws IOException {
    if (pool == null || tasks.size() < 2) {
      try {
        for (Runnable t : tasks) {
          t.run();
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(tasks.size());
    for (Runnable t : tasks) {
      futures.add(pool.submit(t));
    }
    await(futures);
  }

  private static void await(List<Future<?>> futures) throws IOException {
    for (Future<?> f : futures) {
      await(f);
    }
  }

  private static Object await(Future<?> future) throws IOException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("durable write failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during durable write", e);
    }
  }
}
