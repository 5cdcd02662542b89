package dev.parley.cleanroom.engine;

/**
 * Thrown when the engine's storage fails (an I/O or SQL error not caused by the caller's input).
 */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying error
   */
  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public EngineException(String message) {
    super(message);
  }
}
