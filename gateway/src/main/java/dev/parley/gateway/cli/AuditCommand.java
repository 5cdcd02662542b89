package dev.parley.gateway.cli;

import dev.parley.cleanroom.analysis.LedgerBudgets;
import dev.parley.gateway.audit.BudgetAudit;
import dev.parley.ledger.audit.AuditState;
import dev.parley.ledger.audit.LogAudit;
import dev.parley.ledger.audit.LogIntegrityException;
import dev.parley.ledger.audit.LogSource;
import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.receipt.Receipt;
import dev.parley.ledger.receipt.ReceiptVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley audit}: verify a ledger (and replay the privacy budgets it records), print proofs,
 * check receipts — without trusting Parley.
 */
@Command(
    name = "audit",
    description = "Verify Parley's ledger with your own copy of its verifier key.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Prove.class,
      AuditCommand.CheckReceipt.class
    })
public final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: verify, prove or check-receipt");
  }

  static LogSource source(String log) {
    if (log.startsWith("http://") || log.startsWith("https://")) {
      return LogSource.http(URI.create(log));
    }
    return LogSource.directory(Path.of(log));
  }

  static NoteVerifierKey key(String keyArg) throws IOException {
    String text =
        keyArg.contains("+") && !Files.exists(Path.of(keyArg))
            ? keyArg
            : Files.readString(Path.of(keyArg), StandardCharsets.UTF_8);
    return NoteVerifierKey.parse(text.trim());
  }

  /** {@code parley audit verify}. */
  @Command(
      name = "verify",
      description =
          "Fetch and verify the whole log: signature, tiles, root, hash chain, entries, consistency;"
              + " then replay every collaboration's privacy budget from the log alone.")
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--log",
        required = true,
        description = "Log directory or URL prefix (e.g. http://127.0.0.1:8080/ledger/).")
    String log;

    @Option(
        names = "--key",
        required = true,
        description = "Verifier key (file, or the vkey text itself).")
    String key;

    @Option(
        names = "--state",
        description =
            "File remembering the last verified checkpoint; checked for consistency, then updated.")
    Path state;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      long started = System.nanoTime();
      try {
        LogSource source = source(log);
        LogAudit.Report report =
            LogAudit.verify(source, key(key), state == null ? null : AuditState.load(state));
        if (state != null) {
          AuditState.save(state, report.checkpointNote());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
            "OK: %d entries verified against checkpoint %s (size %d, root %s) in %.2f s%n",
            report.checkpoint().size(),
            report.checkpoint().origin(),
            report.checkpoint().size(),
            Base64.getEncoder().encodeToString(report.checkpoint().rootHash()),
            seconds);
        for (Map.Entry<EntryType, Long> c : report.countsByType().entrySet()) {
          out.printf("  %-24s %d%n", c.getKey().wireName(), c.getValue());
        }
        out.flush();
        return budgets(source, report, out, err);
      } catch (LogIntegrityException e) {
        err.println("FAILED: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
  }

  /**
   * Replays every collaboration's privacy budget from the verified log and prints one line per
   * collaboration with DP; any overspend or malformed or inconsistent {@code privacy} object fails
   * the audit, naming the entry, the collaboration and the amounts.
   */
  static int budgets(LogSource source, LogAudit.Report report, PrintWriter out, PrintWriter err)
      throws LogIntegrityException, IOException {
    Instant now = Instant.now();
    LedgerBudgets.Result result = BudgetAudit.replay(source, report.checkpoint(), now);
    out.printf(
        "Privacy budgets: %d collaboration%s with differential privacy%n",
        result.budgets().size(), result.budgets().size() == 1 ? "" : "s");
    for (LedgerBudgets.Budget b : result.budgets()) {
      out.println("  " + BudgetAudit.summary(b, now));
    }
    out.flush();
    if (result.problems().isEmpty()) {
      return 0;
    }
    for (LedgerBudgets.Problem p : result.problems()) {
      err.println("FAILED: privacy budget: " + p);
    }
    err.flush();
    return 1;
  }

  /** {@code parley audit prove}. */
  @Command(
      name = "prove",
      description = "Print an inclusion proof for one entry against the log's checkpoint.")
  static final class Prove implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--log", required = true, description = "Log directory or URL prefix.")
    String log;

    @Option(names = "--key", required = true, description = "Verifier key (file or text).")
    String key;

    @Option(names = "--index", required = true, description = "Entry index.")
    long index;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Receipt receipt = LogAudit.receipt(source(log), key(key), index);
        ReceiptVerifier.verify(receipt, key(key));
        out.println(new String(receipt.toJson().canonicalBytes(), StandardCharsets.UTF_8));
        out.flush();
        return 0;
      } catch (LogIntegrityException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("FAILED: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
  }

  /** {@code parley audit check-receipt}. */
  @Command(
      name = "check-receipt",
      description = "Verify a receipt offline: signature, entry, inclusion proof.")
  static final class CheckReceipt implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The receipt JSON file.")
    Path file;

    @Option(names = "--key", required = true, description = "Verifier key (file or text).")
    String key;

    @Override
    public Integer call() throws IOException {
      try {
        ReceiptVerifier.Verified v =
            ReceiptVerifier.verify(Receipt.parse(Files.readAllBytes(file)), key(key));
        spec.commandLine()
            .getOut()
            .printf(
                "OK: %s entry is included in %s at tree size %d%n",
                v.entry().type().wireName(), v.checkpoint().origin(), v.checkpoint().size());
        spec.commandLine().getOut().flush();
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("FAILED: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
  }
}
