package dev.parley.gateway.cli;

import dev.parley.cleanroom.bench.CleanRoomBench;
import dev.parley.cleanroom.bench.CleanRoomBenchResult;
import dev.parley.cleanroom.bench.TokenizeBench;
import dev.parley.consent.bench.ConsentBench;
import dev.parley.consent.journal.LedgerJournal;
import dev.parley.ledger.bench.LedgerBench;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley bench}: benchmarks that report ratios against a reference measured in the same run.
 * Each ends with one line {@code bench <name>: key=value ...}.
 */
@Command(
    name = "bench",
    description = "Run a benchmark; the last line is 'bench <name>: key=value ...'.",
    subcommands = {
      BenchCommand.Ledger.class,
      BenchCommand.Tokenize.class,
      BenchCommand.Consent.class,
      BenchCommand.Cleanroom.class,
      LoadBenchCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing benchmark name: ledger, tokenize, consent or cleanroom");
  }

  /** {@code parley bench ledger}. */
  @Command(
      name = "ledger",
      description = "Durable appends vs a plain fsync baseline, then audit verification speed.")
  static final class Ledger implements Callable<Integer> {
    @Option(
        names = "--keep",
        description = "Leave the log in this (empty or new) directory: DIR/log and DIR/log.vkey.")
    Path keep;

    @Option(
        names = "--seconds",
        defaultValue = "20",
        description = "How long writers append (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
        names = "--writers",
        defaultValue = "64",
        description = "Concurrent writer threads (default ${DEFAULT-VALUE}).")
    int writers;

    @Option(
        names = "--window",
        defaultValue = "1",
        description =
            "Appends each writer keeps in flight (default ${DEFAULT-VALUE}: synchronous).")
    int window;

    @Option(
        names = "--entry-bytes",
        defaultValue = "1024",
        description = "Approximate entry size (default ${DEFAULT-VALUE}).")
    int entryBytes;

    @Option(
        names = "--warmup-seconds",
        defaultValue = "3",
        description =
            "Seconds of appending to a scratch ledger, then as many of verifying it, before"
                + " measuring, so the JIT compiler is done (default ${DEFAULT-VALUE}; 0 for none).")
    int warmupSeconds;

    @Override
    public Integer call() throws Exception {
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      Path dir = keep != null ? keep : Files.createTempDirectory("parley-bench-ledger");
      if (Files.exists(dir.resolve("log"))) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "--keep: " + dir + " already holds a log; give an empty or new directory");
      }
      Files.createDirectories(dir);
      LedgerBench.Params params =
          new LedgerBench.Params(
              writers,
              window,
              Duration.ofSeconds(seconds),
              entryBytes,
              Duration.ofSeconds(warmupSeconds));
      try {
        LedgerBench.Result r = LedgerBench.run(dir, params, out);
        if (keep != null) {
          out.println(
              "log kept in "
                  + dir.resolve("log")
                  + " (verifier key "
                  + dir.resolve("log.vkey")
                  + ")");
        }
        out.println(r.line(params));
        return 0;
      } finally {
        if (keep == null) {
          DurableFiles.deleteTree(dir);
        }
      }
    }
  }

  /** {@code parley bench tokenize}. */
  @Command(
      name = "tokenize",
      description =
          "Server-side tokenization on one core and all cores vs 'openssl speed ecdhx25519' in the same run.")
  static final class Tokenize implements Callable<Integer> {
    @Option(
        names = "--identifiers",
        defaultValue = "300000",
        description = "Identifiers to tokenize (default ${DEFAULT-VALUE}).")
    int identifiers;

    @Override
    public Integer call() {
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.println(TokenizeBench.run(identifiers, out).line());
      return 0;
    }
  }

  /** {@code parley bench consent}. */
  @Command(
      name = "consent",
      description =
          "Load subjects x 3 partners x 4 purposes into TDB2 (bulk path, journaled on a real ledger), then ask the consent question for every subject.")
  static final class Consent implements Callable<Integer> {
    @Option(
        names = "--subjects",
        defaultValue = "1000000",
        description = "Subjects to load (default ${DEFAULT-VALUE}).")
    int subjects;

    @Override
    public Integer call() throws Exception {
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      Path dir = Files.createTempDirectory("parley-bench-consent");
      try (LedgerStore ledger =
          LedgerStore.open(LedgerOptions.builder(dir.resolve("ledger")).build())) {
        ConsentBench.run(dir, new LedgerJournal(ledger), subjects, out); // prints its final line
        return 0;
      } finally {
        DurableFiles.deleteTree(dir);
      }
    }
  }

  /** {@code parley bench cleanroom}. */
  @Command(
      name = "cleanroom",
      description =
          "Upload two partners' synthetic datasets (tokenized on all cores), load consent, then run"
              + " a segment profile through the query service vs the same plain SQL over"
              + " plaintext hashes in the same DuckDB.")
  static final class Cleanroom implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--rows",
        defaultValue = "1000000",
        description = "Rows in each partner's dataset (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(
        names = "--overlap",
        defaultValue = "500000",
        description = "People in both datasets (default ${DEFAULT-VALUE}).")
    int overlap;

    @Option(
        names = "--keep",
        description =
            "Leave the data (ledger, consent store, DuckDB) in this empty or new directory.")
    Path keep;

    @Override
    public Integer call() throws Exception {
      CleanRoomBench.Params params;
      try {
        params = new CleanRoomBench.Params(rows, overlap, CleanRoomBench.Params.DEFAULT.seed());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage(), e);
      }
      if (keep != null && Files.isDirectory(keep)) {
        try (Stream<Path> entries = Files.list(keep)) {
          if (entries.findAny().isPresent()) {
            throw new CommandLine.ParameterException(
                spec.commandLine(), "--keep: " + keep + " is not empty");
          }
        }
      }
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      Path dir = keep != null ? keep : Files.createTempDirectory("parley-bench-cleanroom");
      Files.createDirectories(dir);
      if (keep != null) {
        out.println("data kept in " + dir + " (ledger, consent store, DuckDB)");
      }
      try {
        CleanRoomBenchResult r = CleanRoomBench.run(dir, params, out); // prints its final line
        return r.answersAgree() ? 0 : 1;
      } finally {
        if (keep == null) {
          DurableFiles.deleteTree(dir);
        }
      }
    }
  }
}
