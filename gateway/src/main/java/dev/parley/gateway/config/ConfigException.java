package dev.parley.gateway.config;

import java.util.List;

/** Thrown when Parley's configuration is invalid; the message lists every problem, one a line. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems each problem as {@code field: reason}
   */
  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns the problems, each as {@code field: reason}.
   *
   * @return an immutable list
   */
  public List<String> problems() {
    return problems;
  }
}
