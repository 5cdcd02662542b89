package dev.parley.gateway.cli;

import dev.parley.gateway.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command line: the entry point of {@code parley.jar}. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    version = "parley 0.1.0",
    description = "Parley: a privacy-preserving data clean room.",
    subcommands = {
      ServeCommand.class,
      AuditCommand.class,
      BenchCommand.class,
      KeysCommand.class,
      PartnersCommand.class,
      PartnerCommand.class
    })
public final class ParleyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // The server logs to stdout; other commands keep stdout for their result.
    Logging.install(args.length > 0 && args[0].equals("serve") ? System.out : System.err);
    int code = new CommandLine(new ParleyCommand()).execute(args);
    if (code != 0 || !ServeCommand.isServing()) {
      Logging.shutdown();
      System.exit(code);
    }
  }
}
