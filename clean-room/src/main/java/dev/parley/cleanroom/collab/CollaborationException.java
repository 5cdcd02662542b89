package dev.parley.cleanroom.collab;

import java.util.Objects;

/** A collaboration operation was refused or failed; {@link #kind()} says which way. */
public final class CollaborationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an operation did not happen. */
  public enum Kind {
    /** No collaboration has that id. */
    NOT_FOUND,
    /** The partner is not a member of the collaboration. */
    NOT_A_MEMBER,
    /** A collaboration with that id exists, or the approved hash is not the current one. */
    CONFLICT,
    /** The input is invalid (e.g. an unregistered member). */
    INVALID,
    /** The ledger or the disk failed; the message says what was already recorded. */
    STORAGE
  }

  /** Which way the operation failed. */
  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind why
   * @param message what, precisely
   */
  public CollaborationException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Creates the exception for an underlying failure.
   *
   * @param kind why
   * @param message what, precisely
   * @param cause the failure
   */
  public CollaborationException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns why the operation did not happen.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
