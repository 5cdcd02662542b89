package dev.parley.gateway.cli;

import dev.parley.gateway.auth.ApiKeyStore;
import dev.parley.gateway.auth.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley keys create-partner | create-auditor | list-api | revoke-api}: API key
 * administration. Keys are stored only as hashes; the plaintext is printed once. These commands may
 * run while the server runs (it picks up the key file's changes within a second).
 */
final class ApiKeyCommands {
  private ApiKeyCommands() {}

  /** Options every API key command shares. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data",
        defaultValue = "data",
        description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    ApiKeyStore store() throws java.io.IOException {
      return ApiKeyStore.open(data, Clock.systemUTC());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    Integer printCreated(ApiKeyStore.Created created, String what) {
      PrintWriter out = out();
      out.println("created " + what + " API key " + created.id());
      out.println(created.plaintext());
      out.println(
          "Store it now: Parley keeps only its hash and cannot show it again."
              + " Send it as 'Authorization: Bearer <key>'.");
      out.flush();
      return 0;
    }
  }

  /** {@code parley keys create-partner --partner ID}. */
  @Command(name = "create-partner", description = "Create an API key for a registered partner.")
  static final class CreatePartner extends Base {
    @Option(names = "--partner", required = true, description = "The partner (data controller) id.")
    String partner;

    @Override
    public Integer call() throws Exception {
      return printCreated(
          store().create(Role.PARTNER, Optional.of(partner), new SecureRandom()),
          "partner '" + partner + "'");
    }
  }

  /** {@code parley keys create-auditor}. */
  @Command(name = "create-auditor", description = "Create a read-only API key for an auditor.")
  static final class CreateAuditor extends Base {
    @Override
    public Integer call() throws Exception {
      return printCreated(
          store().create(Role.AUDITOR, Optional.empty(), new SecureRandom()), "auditor");
    }
  }

  /** {@code parley keys list-api}. */
  @Command(name = "list-api", description = "List API keys (ids, roles and partners; no secrets).")
  static final class ListApi extends Base {
    @Override
    public Integer call() throws Exception {
      PrintWriter out = out();
      out.printf("%-16s  %-8s  %-20s  %s%n", "ID", "ROLE", "PARTNER", "CREATED");
      for (ApiKeyStore.StoredKey k : store().list()) {
        out.printf(
            "%-16s  %-8s  %-20s  %s%n",
            k.id(),
            k.role().name().toLowerCase(java.util.Locale.ROOT),
            k.partnerId().orElse("-"),
            k.created());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code parley keys revoke-api ID}. */
  @Command(name = "revoke-api", description = "Revoke an API key by its id.")
  static final class RevokeApi extends Base {
    @Parameters(index = "0", description = "The key id (16 hex digits).")
    String id;

    @Override
    public Integer call() throws Exception {
      if (!store().revoke(id)) {
        spec.commandLine().getErr().println("no API key with id " + id);
        spec.commandLine().getErr().flush();
        return 1;
      }
      out().println("revoked API key " + id);
      out().flush();
      return 0;
    }
  }
}
