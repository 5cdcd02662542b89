package dev.parley.gateway.cli;

import dev.parley.consent.journal.ConsentChange;
import dev.parley.consent.journal.ConsentJournal;
import dev.parley.consent.journal.JournalEntry;
import dev.parley.consent.partner.Partner;
import dev.parley.consent.store.ConsentStore;
import dev.parley.consent.store.StoreLockedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley partners add | list}: the registry of partners (data controllers) in the consent
 * store. Needs Parley stopped: the consent store is locked while the server runs.
 */
@Command(
    name = "partners",
    description =
        "Register and list partners (data controllers) that may receive consent. Needs Parley"
            + " stopped (the consent store is locked while it runs).",
    subcommands = {PartnersCommand.Add.class, PartnersCommand.ListPartners.class})
public final class PartnersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add or list");
  }

  /** What both subcommands share: the data directory and opening the store. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data",
        defaultValue = "data",
        description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws Exception {
      ConsentStore store;
      try {
        store = ConsentStore.open(data, NoJournal.INSTANCE);
      } catch (StoreLockedException e) {
        spec.commandLine().getErr().println("FAILED: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
      try (store) {
        PrintWriter out = spec.commandLine().getOut();
        int code = run(store, out);
        out.flush();
        return code;
      }
    }

    abstract int run(ConsentStore store, PrintWriter out);
  }

  /** {@code parley partners add --id ID --name NAME [--tcf-vendor-id N]}. */
  @Command(name = "add", description = "Register a partner, or update its name or TCF vendor id.")
  static final class Add extends Base {
    @Option(
        names = "--id",
        required = true,
        description = "Partner id: 1-64 of [a-z0-9._-], starting with a letter or digit.")
    String id;

    @Option(names = "--name", required = true, description = "Display name shown to people.")
    String name;

    @Option(
        names = "--tcf-vendor-id",
        description = "The partner's IAB TCF Global Vendor List id (1-65535), if it has one.")
    Integer tcfVendorId;

    @Override
    int run(ConsentStore store, PrintWriter out) {
      Partner p;
      try {
        p =
            new Partner(
                id, name, tcfVendorId == null ? OptionalInt.empty() : OptionalInt.of(tcfVendorId));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      boolean existed = store.partner(id).isPresent();
      store.registerPartner(p);
      out.println((existed ? "updated" : "registered") + " partner " + describe(p));
      return 0;
    }
  }

  /** {@code parley partners list}. */
  @Command(name = "list", description = "List the registered partners, one per line.")
  static final class ListPartners extends Base {
    @Override
    int run(ConsentStore store, PrintWriter out) {
      for (Partner p : store.partners()) {
        out.println(describe(p));
      }
      return 0;
    }
  }

  private static String describe(Partner p) {
    return p.id()
        + "\t"
        + p.name()
        + (p.tcfVendorId().isPresent() ? "\ttcf-vendor-id=" + p.tcfVendorId().getAsInt() : "");
  }

  /**
   * The journal of a store opened only to administer partners: registering a partner is not a
   * consent change and writes no ledger entry, so every consent change is refused.
   */
  private enum NoJournal implements ConsentJournal {
    INSTANCE;

    @Override
    public CompletableFuture<JournalEntry> recordChange(ConsentChange change) {
      return refused();
    }

    @Override
    public CompletableFuture<JournalEntry> recordBatch(String summary) {
      return refused();
    }

    @Override
    public CompletableFuture<JournalEntry> recordErasure(String subjectCommitment) {
      return refused();
    }

    private static CompletableFuture<JournalEntry> refused() {
      return CompletableFuture.failedFuture(
          new IllegalStateException("parley partners records no consent changes"));
    }
  }
}
