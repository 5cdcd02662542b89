package dev.parley.gateway.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** Installs Parley's structured logging: JSON lines on standard output, INFO and above. */
public final class Logging {
  private Logging() {}

  /**
   * Routes {@code java.util.logging} (and so Vert.x, Netty and SLF4J-over-JUL) to JSON lines on
   * standard output. Call first thing in {@code main}, before any logger exists.
   */
  public static void install() {
    install(System.out);
  }

  /**
   * Routes logging to JSON lines on {@code stream}: standard output for the server, standard error
   * for commands whose standard output is their result (audit, bench, keys).
   *
   * @param stream where log lines go
   */
  public static void install(PrintStream stream) {
    System.setProperty("java.util.logging.manager", ParleyLogManager.class.getName());
    System.setProperty(
        "vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
    LogManager manager = LogManager.getLogManager();
    manager.reset();
    if (manager instanceof ParleyLogManager parley) {
      parley.holdUntilShutdown();
    }
    Logger root = Logger.getLogger("");
    Handler handler =
        new StreamHandler(
            new PrintStream(stream, true, StandardCharsets.UTF_8), new JsonLineFormatter()) {
          @Override
          public synchronized void publish(java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    handler.setLevel(Level.INFO);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
      }
    }
  }

  /** Flushes and closes every handler; call last, after Parley has stopped. */
  public static void shutdown() {
    if (LogManager.getLogManager() instanceof ParleyLogManager parley) {
      parley.finalReset();
    }
  }

  /**
   * Logs an event with structured fields.
   *
   * @param logger the logger
   * @param level the level
   * @param message a short human-readable message
   * @param fields extra fields (never secrets or identifiers)
   */
  public static void event(Logger logger, Level level, String message, Map<String, ?> fields) {
    logger.log(level, message, new Object[] {fields});
  }
}
