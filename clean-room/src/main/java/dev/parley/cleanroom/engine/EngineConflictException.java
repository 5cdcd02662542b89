package dev.parley.cleanroom.engine;

/**
 * Thrown when a commit would overwrite something that already exists: a published table of the same
 * name or a catalog record with the same kind and key. Nothing of the commit was published.
 */
public final class EngineConflictException extends EngineException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what already exists
   */
  public EngineConflictException(String message) {
    super(message);
  }
}
