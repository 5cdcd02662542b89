package dev.parley.gateway.signin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record published through java.util.logging (where Parley, Vert.x and GreenMail
 * log) at or above a level, as text including parameters and exception messages.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previous;
  private final List<String> lines = new ArrayList<>();

  /**
   * Starts capturing.
   *
   * @param level the lowest level captured (the root logger is lowered to it meanwhile)
   */
  public LogCapture(Level level) {
    setLevel(level);
    previous = root.getLevel();
    if (previous == null || previous.intValue() > level.intValue()) {
      root.setLevel(level);
    }
    root.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord r) {
    if (!isLoggable(r)) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(r.getLevel())
        .append(' ')
        .append(r.getLoggerName())
        .append(": ")
        .append(r.getMessage());
    if (r.getParameters() != null) {
      sb.append(' ').append(Arrays.deepToString(r.getParameters()));
    }
    for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
      sb.append(" | ").append(t);
    }
    lines.add(sb.toString());
  }

  /**
   * Returns the captured lines so far.
   *
   * @return a copy
   */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(previous);
  }
}
