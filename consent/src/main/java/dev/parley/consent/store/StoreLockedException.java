package dev.parley.consent.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The consent store's directory is held by another open store: Parley is running on this data
 * directory (or another command is), so the store cannot be opened a second time.
 */
public final class StoreLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param dir the locked directory
   */
  public StoreLockedException(Path dir) {
    super(
        dir
            + " is in use by another Parley process or command (is Parley running with this data"
            + " directory? stop it first)");
  }
}
