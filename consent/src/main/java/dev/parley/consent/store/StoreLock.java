package dev.parley.consent.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the consent directory ({@code <data>/consent/lock}): one open store per
 * directory, across processes (an OS file lock, released even if the process is killed) and within
 * one process (the JVM refuses a second lock on the same file).
 */
final class StoreLock implements Closeable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails at once.
   *
   * @param dir the consent directory (it must exist)
   * @return the held lock
   * @throws StoreLockedException if another store holds it
   * @throws IOException if the lock file cannot be created
   */
  static StoreLock acquire(Path dir) throws IOException {
    FileChannel channel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new StoreLockedException(dir);
    }
    return new StoreLock(channel, lock);
  }

  /** Releases the lock; later calls do nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
