package dev.parley.gateway.cli;

import dev.parley.cleanroom.keys.KeyTransparency;
import dev.parley.cleanroom.keys.MatchingKey;
import dev.parley.cleanroom.keys.MatchingKeyring;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley keys}: key administration, run by an operator on the server's data directory. */
@Command(
    name = "keys",
    description =
        "Administer Parley's keys. rotate-matching needs Parley stopped (the ledger is locked while it"
            + " runs); the API key commands work while it runs.",
    subcommands = {
      KeysCommand.RotateMatching.class,
      ApiKeyCommands.CreatePartner.class,
      ApiKeyCommands.CreateAuditor.class,
      ApiKeyCommands.ListApi.class,
      ApiKeyCommands.RevokeApi.class
    })
public final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing subcommand: rotate-matching, create-partner, create-auditor, list-api or revoke-api");
  }

  /** {@code parley keys rotate-matching}. */
  @Command(
      name = "rotate-matching",
      description =
          "Create a new active matching key, publish it on the ledger, keep the old one usable for a transition period.")
  static final class RotateMatching implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data",
        defaultValue = "data",
        description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(
        names = "--transition-days",
        defaultValue = "30",
        description = "Days the old key keeps evaluating (default ${DEFAULT-VALUE}).")
    int transitionDays;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Clock clock = Clock.systemUTC();
      try (LedgerStore ledger =
          LedgerStore.open(LedgerOptions.builder(data.resolve("ledger")).clock(clock).build())) {
        if (ledger.failure().isPresent()) {
          spec.commandLine()
              .getErr()
              .println("FAILED: the ledger refuses appends: " + ledger.failure().get());
          spec.commandLine().getErr().flush();
          return 1;
        }
        MatchingKeyring ring =
            MatchingKeyring.loadOrCreate(
                data.resolve("clean-room").resolve("keys"), clock.instant(), new SecureRandom());
        String old = ring.active().id();
        MatchingKey fresh =
            ring.rotate(clock.instant(), Duration.ofDays(transitionDays), new SecureRandom());
        KeyTransparency.publishPending(ring, ledger);
        out.printf(
            "new active matching key %s published at ledger index %d; %s keeps evaluating until %s%n",
            fresh.id(),
            ring.active().ledgerIndex().orElseThrow(),
            old,
            ring.byId(old).orElseThrow().retiresAt().orElseThrow());
        out.flush();
        return 0;
      }
    }
  }
}
