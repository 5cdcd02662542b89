package dev.parley.ledger.keys;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A key file that cannot be used: missing, too widely readable, malformed, or not matching its
 * partner. The message names the file and says what to do; it never contains key material.
 */
public final class KeyFileException extends IOException {
  /** What is wrong. */
  public enum Problem {
    /** {@code log.key} is missing although {@code log.vkey} exists (or {@code load} found none). */
    KEY_MISSING,
    /** {@code log.vkey} is missing and the caller asked not to create anything. */
    VKEY_MISSING,
    /** The path is a symbolic link, directory or other non-regular file. */
    NOT_A_REGULAR_FILE,
    /** The key file grants some permission to the group or to others. */
    PERMISSIONS_TOO_WIDE,
    /** The file system has no POSIX permissions, so owner-only cannot be checked. */
    NO_POSIX_PERMISSIONS,
    /** {@code log.key} is not a valid skey. */
    MALFORMED_KEY,
    /** {@code log.vkey} is not a valid vkey. */
    MALFORMED_VKEY,
    /** The key's name is not the name the log expects (its origin). */
    NAME_MISMATCH,
    /** {@code log.vkey} is not the public key of {@code log.key}. */
    VKEY_MISMATCH
  }

  private final Problem problem;
  private final transient Path path;

  KeyFileException(Problem problem, Path path, String detail) {
    super(path + ": " + detail);
    this.problem = problem;
    this.path = path;
  }

  KeyFileException(Problem problem, Path path, String detail, Throwable cause) {
    super(path + ": " + detail, cause);
    this.problem = problem;
    this.path = path;
  }

  /**
   * Returns what is wrong.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * Returns the file at fault.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }
}
