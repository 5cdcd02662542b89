package dev.parley.gateway.logging;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps logging alive while shutdown hooks run.
 *
 * <p>The JDK's log manager resets (closes every handler) from its own shutdown hook, which races
 * with Parley's graceful-shutdown hook and can swallow the last log lines. This manager ignores
 * that reset; {@link Logging#shutdown()} performs the real one after Parley has stopped.
 */
public final class ParleyLogManager extends LogManager {
  private volatile boolean allowReset = true;

  /** Creates the manager; the JDK instantiates it from {@code java.util.logging.manager}. */
  public ParleyLogManager() {}

  void holdUntilShutdown() {
    allowReset = false;
  }

  @Override
  public void reset() {
    if (allowReset) {
      super.reset();
    }
  }

  void finalReset() {
    allowReset = true;
    super.reset();
  }
}
