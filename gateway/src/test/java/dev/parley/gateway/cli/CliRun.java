package dev.parley.gateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the {@code parley} command line, as tests see it: exit code, standard
 * output and standard error.
 *
 * @param code the exit code
 * @param out what the command printed to standard output
 * @param err what it printed to standard error
 */
public record CliRun(int code, String out, String err) {
  /**
   * Runs {@code parley <args>} in this JVM.
   *
   * @param args the arguments after {@code parley}
   * @return the outcome
   */
  public static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ParleyCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
