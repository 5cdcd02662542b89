package dev.parley.gateway.partner;

import dev.parley.cleanroom.dataset.MultipartUploads;
import dev.parley.cleanroom.dataset.RowRejection;
import dev.parley.cleanroom.dataset.SchemaJson;
import dev.parley.gateway.partner.UploadState.PartState;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import dev.parley.ledger.note.NoteVerifierKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The partner side of a multi-part upload ({@code parley partner upload}): reads the input (CSV,
 * CSV.gz or Parquet), hashes raw identifiers and optionally blinds them locally ({@link
 * RowTransformer}, {@link Blinder}), cuts the rows into parts of {@code partRows} input rows, sends
 * each part and records its acknowledgement in the state file ({@link UploadState}), then completes
 * the upload and verifies the result: the version's digest must be SHA-256 over the parts' digests
 * it kept ({@link MultipartUploads#digestOfParts}), and its {@code dataset.uploaded} ledger entry
 * must verify with its receipt and name the same dataset, version, rows and digest.
 *
 * <p>Resuming: a rerun with the same input and options finds the state file (or, if it was lost,
 * derives the same upload key, so the server returns the same upload): acknowledged parts are
 * skipped by counting their input rows, and a part the server acknowledged but the state file does
 * not know is rebuilt and recognized by its SHA-256 (parts are deterministic), so every row is sent
 * exactly once.
 */
public final class Uploader {
  /**
   * What to upload.
   *
   * @param input the input file
   * @param dataset the dataset name
   * @param schemaJson the local schema file's text ({@link LocalSchema})
   * @param blind whether to blind identifiers locally
   * @param uploadKey the upload key, or empty to derive one from the input and options
   * @param maxRejected the tolerated invalid rows (local and server-side together)
   * @param partRows input rows per part
   * @param ledgerKey the ledger's verifier key, or empty to fetch it from the server
   * @param stopAfterParts stop (as if interrupted) after sending this many parts; 0 for never
   */
  public record Options(
      Path input,
      String dataset,
      String schemaJson,
      boolean blind,
      Optional<String> uploadKey,
      long maxRejected,
      int partRows,
      Optional<NoteVerifierKey> ledgerKey,
      int stopAfterParts) {
    /** Validates the numbers. */
    public Options {
      Objects.requireNonNull(input, "input");
      if (partRows < 1) {
        throw new IllegalArgumentException("--part-rows: must be at least 1, got " + partRows);
      }
      if (maxRejected < 0) {
        throw new IllegalArgumentException("--max-rejected: must be >= 0, got " + maxRejected);
      }
    }
  }

  /**
   * A completed upload.
   *
   * @param result the server's answer: dataset, version, rows, rejected, digest, ledgerIndex
   * @param parts the number of parts
   * @param localRejected the rows rejected locally (not sent)
   */
  public record Outcome(JsonObject result, int parts, long localRejected) {}

  /** The upload stopped before completing (a part limit, or too many rejected rows). */
  public static final class Stopped extends IOException {
    private static final long serialVersionUID = 1L;

    Stopped(String message) {
      super(message);
    }
  }

  private final PartnerClient client;
  private final PrintWriter out;
  private final PrintWriter err;
  private final LongSupplier nanos;

  /**
   * Creates an uploader.
   *
   * @param client the partner client
   * @param out where the summary goes
   * @param err where progress and rejections go
   * @param nanos the clock of the progress bar
   */
  public Uploader(PartnerClient client, PrintWriter out, PrintWriter err, LongSupplier nanos) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.nanos = nanos;
  }

  /**
   * Uploads, resuming from the state file if there is one.
   *
   * @param o what to upload
   * @return the completed upload
   * @throws Stopped if stopped before completing; the state file allows resuming
   * @throws IOException if reading, a verification or the network fails
   * @throws ApiException if the server refused
   */
  public Outcome run(Options o) throws IOException, ApiException {
    LocalSchema schema =
        LocalSchema.parse(o.schemaJson().getBytes(StandardCharsets.UTF_8), o.dataset(), o.blind());
    String fingerprint = UploadState.fingerprint(o.input());
    String key = o.uploadKey().orElseGet(() -> derivedKey(o, fingerprint));
    Path stateFile = UploadState.fileFor(o.input());
    NoteVerifierKey vkey =
        o.ledgerKey().isPresent()
            ? o.ledgerKey().get()
            : NoteVerifierKey.parse(client.text("/ledger/vkey").trim());
    JsonObject begun =
        client
            .post(
                "/cleanroom/uploads",
                JsonObject.builder()
                    .put("dataset", o.dataset())
                    .put("schema", SchemaJson.toJson(schema.uploadSchema()))
                    .put("uploadKey", key)
                    .put("maxRejected", o.maxRejected())
                    .build())
            .body();
    String upload = begun.getString("upload");
    UploadState fresh =
        new UploadState(
            client.server().toString(),
            o.dataset(),
            key,
            upload,
            o.partRows(),
            o.blind(),
            o.maxRejected(),
            fingerprint,
            List.of());
    UploadState state = UploadState.load(stateFile).orElse(fresh);
    if (!state.sameUpload(fresh)) {
      throw new IOException(
          stateFile
              + " belongs to another upload (other input, server or options); delete it to start"
              + " over");
    }
    if (!state.upload().equals(upload)) {
      state = fresh;
    }
    if (begun.get("result").orElse(null) instanceof JsonObject done) {
      return finish(done, state, stateFile, vkey, 0);
    }
    Map<Integer, JsonObject> acknowledged = new HashMap<>();
    for (JsonValue v : begun.getArray("partsReceived").elements()) {
      JsonObject p = (JsonObject) v;
      acknowledged.put((int) p.getLong("part"), p);
    }
    Blinder blinder = o.blind() ? Blinder.verified(client, vkey) : null;
    describe(o, schema, upload, state.parts().size());
    return send(o, schema, state, stateFile, acknowledged, blinder, vkey);
  }

  private Outcome send(
      Options o,
      LocalSchema schema,
      UploadState start,
      Path stateFile,
      Map<Integer, JsonObject> acknowledged,
      Blinder blinder,
      NoteVerifierKey vkey)
      throws IOException, ApiException {
    UploadState state = start;
    ProgressBar bar = new ProgressBar(err, nanos);
    List<RowRejection> rejections = new ArrayList<>();
    long localRejected = 0;
    long serverRejected = 0;
    long sent = 0;
    long bytes = 0;
    int sentThisRun = 0;
    try (SourceRows rows = SourceRows.open(o.input())) {
      RowTransformer transformer = new RowTransformer(schema, rows.header());
      long sourceRow = 0;
      for (int part = 1; ; part++) {
        PartState known = part <= state.parts().size() ? state.parts().get(part - 1) : null;
        JsonObject ack = acknowledged.get(part);
        String ackSha = ack == null ? null : ack.getString("sha256");
        if (known != null && known.sha256().equals(ackSha)) {
          for (long i = 0; i < known.sourceRows(); i++) {
            if (!rows.next()) {
              throw new IOException("the input is shorter than when part " + part + " was sent");
            }
          }
          sourceRow += known.sourceRows();
          sent += known.rows();
          localRejected += known.localRejected();
          serverRejected += ack.getLong("rejected");
          continue;
        }
        if (known != null) {
          state = truncate(state, part - 1);
        }
        PartSource.Built built =
            PartSource.build(rows, transformer, o.partRows(), sourceRow, blinder, rejections);
        if (built.sourceRows() == 0 && part > 1) {
          break;
        }
        sourceRow += built.sourceRows();
        localRejected += built.localRejected();
        String sha = HexFormat.of().formatHex(PartBuilder.sha256(built.body()));
        long firstRow = sent + 1;
        if (ack != null && !ackSha.equals(sha)) {
          throw new IOException(
              "part "
                  + part
                  + " differs from the part the server acknowledged: the input or options changed;"
                  + " pass another --upload-key to start a new upload");
        }
        if (ack != null) {
          serverRejected += ack.getLong("rejected");
        } else {
          JsonObject receipt =
              client.putPart(state.upload(), part, firstRow, built.body(), true).body();
          if (!sha.equals(receipt.getString("sha256"))) {
            throw new IOException("part " + part + ": the server acknowledged other bytes");
          }
          serverRejected += receipt.getLong("rejected");
          for (JsonValue r : receipt.getArray("rejections").elements()) {
            JsonObject x = (JsonObject) r;
            if (rejections.size() < 100) {
              rejections.add(
                  new RowRejection(
                      x.getLong("row"),
                      x.get("column")
                          .map(c -> ((dev.parley.ledger.jcs.JsonString) c).value())
                          .orElse(null),
                      "upload row " + x.getLong("row") + ": " + x.getString("reason")));
            }
          }
          bytes += built.body().length;
          sentThisRun++;
        }
        sent += built.rows();
        state =
            state.with(
                new PartState(
                    part, built.sourceRows(), firstRow, built.rows(), built.localRejected(), sha));
        state.save(stateFile);
        bar.update(rows.progress(), sent, bytes, false);
        if (localRejected + serverRejected > o.maxRejected()) {
          bar.finish();
          printRejections(rejections, localRejected + serverRejected);
          throw new Stopped(
              (localRejected + serverRejected)
                  + " rows rejected, more than --max-rejected "
                  + o.maxRejected()
                  + "; nothing was published");
        }
        if (built.sourceRows() < o.partRows()) {
          break;
        }
        if (o.stopAfterParts() > 0 && sentThisRun >= o.stopAfterParts()) {
          bar.finish();
          throw new Stopped("stopped after " + sentThisRun + " parts; run again to resume");
        }
      }
      bar.update(1, sent, bytes, true);
      bar.finish();
    }
    if (!rejections.isEmpty()) {
      printRejections(rejections, localRejected + serverRejected);
    }
    JsonObject result =
        client.post("/cleanroom/uploads/" + state.upload() + "/complete", null).body();
    return finish(result, state, stateFile, vkey, localRejected);
  }

  private Outcome finish(
      JsonObject result, UploadState state, Path stateFile, NoteVerifierKey vkey, long local)
      throws IOException, ApiException {
    List<byte[]> digests = new ArrayList<>();
    state.parts().forEach(p -> digests.add(HexFormat.of().parseHex(p.sha256())));
    VersionCheck.verify(client, result, digests, vkey);
    Files.deleteIfExists(stateFile);
    out.printf(
        "uploaded %s v%d: %,d rows stored, %,d rejected by the server, %,d rejected locally%n",
        result.getString("dataset"),
        result.getLong("version"),
        result.getLong("rows"),
        result.getLong("rejected"),
        local);
    out.printf(
        "  digest  %s (%s)%n",
        result.getString("digest"),
        digests.isEmpty()
            ? "as the server reported it"
            : "verified: SHA-256 over the " + digests.size() + " part digests");
    out.printf(
        "  ledger  dataset.uploaded at index %d (receipt verified)%n",
        result.getLong("ledgerIndex"));
    out.flush();
    return new Outcome(result, state.parts().size(), local);
  }

  private void describe(Options o, LocalSchema schema, String upload, int resumedParts) {
    err.printf(
        "%s %s as dataset %s (upload %s, parts of %,d rows; %s)%n",
        resumedParts > 0 ? "resuming" : "uploading",
        o.input().getFileName(),
        o.dataset(),
        upload,
        o.partRows(),
        o.blind()
            ? "identifiers blinded locally (VOPRF)"
            : schema.transformsLocally()
                ? "raw identifiers normalized and hashed locally"
                : "identifiers sent as given");
    err.flush();
  }

  private void printRejections(List<RowRejection> rejections, long total) {
    err.printf("%,d rows rejected; the first %d:%n", total, rejections.size());
    for (RowRejection r : rejections) {
      err.printf("  %s%s%n", r.column() == null ? "" : "column " + r.column() + ": ", r.reason());
    }
    err.flush();
  }

  private static UploadState truncate(UploadState s, int parts) {
    return new UploadState(
        s.server(),
        s.dataset(),
        s.uploadKey(),
        s.upload(),
        s.partRows(),
        s.blind(),
        s.maxRejected(),
        s.fingerprint(),
        s.parts().subList(0, parts));
  }

  /** An upload key derived from the input and options, so a rerun resumes the same upload. */
  static String derivedKey(Options o, String fingerprint) {
    String material =
        String.join(
            "\0",
            o.dataset(),
            fingerprint,
            Integer.toString(o.partRows()),
            Boolean.toString(o.blind()),
            Long.toString(o.maxRejected()),
            o.schemaJson());
    return "cli-"
        + HexFormat.of()
            .formatHex(PartBuilder.sha256(material.getBytes(StandardCharsets.UTF_8)), 0, 20);
  }
}
