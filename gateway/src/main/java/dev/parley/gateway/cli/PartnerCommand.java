package dev.parley.gateway.cli;

import dev.parley.gateway.partner.ApiException;
import dev.parley.gateway.partner.PartnerClient;
import dev.parley.gateway.partner.PartnerViews;
import dev.parley.gateway.partner.Uploader;
import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.note.NoteVerifierKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley partner ...}: a partner's command line for the clean room, over HTTP with its API
 * key ({@code --key} or {@code PARLEY_API_KEY}): upload datasets (raw identifiers hashed, and
 * optionally blinded, on the partner's machine), create and approve collaborations, run analyses
 * and read results as aligned tables. See README, "Partner command line".
 */
@Command(
    name = "partner",
    description = "Upload datasets, run collaborations and read results as a partner.",
    subcommands = {
      PartnerCommand.Upload.class,
      PartnerCommand.Datasets.class,
      PartnerCommand.Collaborations.class,
      PartnerCommand.Approve.class,
      PartnerCommand.Query.class,
      PartnerCommand.Results.class
    })
public final class PartnerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing subcommand: upload, datasets, collaborations, approve, query or results");
  }

  /** The server and the API key, shared by every subcommand. */
  static final class Connection {
    @Option(
        names = "--server",
        defaultValue = "http://127.0.0.1:8080",
        description = "Parley's base URL (default ${DEFAULT-VALUE}).")
    URI server;

    @Option(
        names = "--key",
        description = "The partner API key (default: the PARLEY_API_KEY environment variable).")
    String key;

    PartnerClient client() {
      String k = key != null ? key : System.getenv("PARLEY_API_KEY");
      if (k == null || k.isBlank()) {
        throw new IllegalArgumentException("no API key: pass --key or set PARLEY_API_KEY");
      }
      return PartnerClient.create(server, k.trim());
    }
  }

  /** Runs a subcommand, turning refusals into one line on stderr and exit code 1. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Connection connection = new Connection();

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        return run(connection.client(), spec.commandLine().getOut(), err);
      } catch (ApiException e) {
        err.println("FAILED: " + e.getMessage());
        e.rejections().forEach(r -> err.println("  " + r));
        return 1;
      } catch (IOException | IllegalArgumentException e) {
        err.println("FAILED: " + e.getMessage());
        return 1;
      } finally {
        spec.commandLine().getOut().flush();
        err.flush();
      }
    }

    abstract int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException;
  }

  static JsonObject readJson(Path file) throws IOException {
    try {
      JsonValue v = Jcs.parse(Files.readAllBytes(file));
      if (v instanceof JsonObject o) {
        return o;
      }
      throw new IllegalArgumentException(file + ": must hold a JSON object");
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /** {@code parley partner upload FILE --dataset NAME --schema FILE ...}. */
  @Command(
      name = "upload",
      description =
          "Upload CSV, CSV.gz or Parquet as a new dataset version, in resumable parts. Raw email"
              + " and phone columns are normalized and hashed locally.")
  static final class Upload extends Base {
    @Parameters(index = "0", description = "The input file (.csv, .csv.gz or .parquet).")
    Path file;

    @Option(names = "--dataset", required = true, description = "The dataset name.")
    String dataset;

    @Option(
        names = "--schema",
        required = true,
        description = "The schema file (identifier types EMAIL and PHONE hold raw values).")
    Path schema;

    @Option(names = "--blind", description = "Blind identifiers locally (VOPRF): send tokens only.")
    boolean blind;

    @Option(names = "--upload-key", description = "Idempotency key (default: derived).")
    String uploadKey;

    @Option(
        names = "--max-rejected",
        defaultValue = "0",
        description = "Invalid rows tolerated (default ${DEFAULT-VALUE}).")
    long maxRejected;

    @Option(
        names = "--part-rows",
        defaultValue = "50000",
        description = "Input rows per part (default ${DEFAULT-VALUE}).")
    int partRows;

    @Option(
        names = "--ledger-key",
        description = "The ledger's verifier key (file or text); default: fetched from the server.")
    String ledgerKey;

    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      Optional<NoteVerifierKey> vkey =
          ledgerKey == null ? Optional.empty() : Optional.of(AuditCommand.key(ledgerKey));
      new Uploader(client, out, err, System::nanoTime)
          .run(
              new Uploader.Options(
                  file,
                  dataset,
                  Files.readString(schema, StandardCharsets.UTF_8),
                  blind,
                  Optional.ofNullable(uploadKey),
                  maxRejected,
                  partRows,
                  vkey,
                  0));
      return 0;
    }
  }

  /** {@code parley partner datasets}. */
  @Command(name = "datasets", description = "List your datasets and their versions.")
  static final class Datasets extends Base {
    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      out.print(PartnerViews.datasets(client.get("/cleanroom/datasets").body()));
      return 0;
    }
  }

  /** {@code parley partner collaborations create | list | show}. */
  @Command(
      name = "collaborations",
      description = "Create, list and show collaborations.",
      subcommands = {
        PartnerCommand.Create.class,
        PartnerCommand.ListCollaborations.class,
        PartnerCommand.Show.class
      })
  static final class Collaborations implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "missing subcommand: create, list or show");
    }
  }

  /** {@code parley partner collaborations create --file FILE}. */
  @Command(
      name = "create",
      description = "Propose a collaboration: {\"id\", \"members\", \"purpose\", \"rules\"}.")
  static final class Create extends Base {
    @Option(names = "--file", required = true, description = "The collaboration JSON file.")
    Path file;

    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      out.print(
          PartnerViews.collaboration(
              client.post("/cleanroom/collaborations", readJson(file)).body()));
      return 0;
    }
  }

  /** {@code parley partner collaborations list}. */
  @Command(name = "list", description = "List the collaborations you are a member of.")
  static final class ListCollaborations extends Base {
    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      for (JsonValue v :
          client.get("/cleanroom/collaborations").body().getArray("collaborations").elements()) {
        out.print(PartnerViews.collaboration((JsonObject) v));
        out.println();
      }
      return 0;
    }
  }

  /** {@code parley partner collaborations show ID}. */
  @Command(name = "show", description = "Show one collaboration and its rules.")
  static final class Show extends Base {
    @Parameters(index = "0", description = "The collaboration id.")
    String id;

    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      out.print(PartnerViews.collaboration(client.get("/cleanroom/collaborations/" + id).body()));
      return 0;
    }
  }

  /** {@code parley partner approve ID [--rules-hash H]}. */
  @Command(
      name = "approve",
      description =
          "Approve a collaboration's rules (the hash you reviewed with 'collaborations show').")
  static final class Approve extends Base {
    @Parameters(index = "0", description = "The collaboration id.")
    String id;

    @Option(
        names = "--rules-hash",
        description = "The rules hash you reviewed (default: the current one, printed).")
    String rulesHash;

    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      String path = "/cleanroom/collaborations/" + id;
      String hash = rulesHash != null ? rulesHash : client.get(path).body().getString("rulesHash");
      JsonObject c =
          client
              .post(path + "/approvals", JsonObject.builder().put("rulesHash", hash).build())
              .body();
      out.print(PartnerViews.collaboration(c));
      return 0;
    }
  }

  /** {@code parley partner query ID --file REQUEST}. */
  @Command(name = "query", description = "Run an analysis request and print its released rows.")
  static final class Query extends Base {
    @Parameters(index = "0", description = "The collaboration id.")
    String id;

    @Option(names = "--file", required = true, description = "The analysis request JSON file.")
    Path file;

    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      out.print(
          PartnerViews.result(
              client.post("/cleanroom/collaborations/" + id + "/queries", readJson(file)).body()));
      return 0;
    }
  }

  /** {@code parley partner results ID [QUERY]}. */
  @Command(name = "results", description = "List your results in a collaboration, or show one.")
  static final class Results extends Base {
    @Parameters(index = "0", description = "The collaboration id.")
    String id;

    @Parameters(index = "1", arity = "0..1", description = "A query id: show that result.")
    String query;

    @Override
    int run(PartnerClient client, PrintWriter out, PrintWriter err)
        throws IOException, ApiException {
      String path = "/cleanroom/collaborations/" + id + "/results";
      if (query == null) {
        out.print(PartnerViews.results(client.get(path).body().getArray("results")));
      } else {
        out.print(PartnerViews.result(client.get(path + "/" + query).body()));
      }
      return 0;
    }
  }
}
