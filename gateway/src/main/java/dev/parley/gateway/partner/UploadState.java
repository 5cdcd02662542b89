package dev.parley.gateway.partner;

import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonArray;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The small state file an upload keeps next to its input ({@code FILE.parley-upload.json}) so that
 * an interrupted upload resumes: which server upload it is, with which options, the input file's
 * fingerprint, and each acknowledged part (how many input rows it covered, its first row, the rows
 * sent, rows rejected locally, and the SHA-256 the server acknowledged). It holds no identifier,
 * hash or token. Written atomically after every acknowledged part.
 *
 * @param server the server's base URL
 * @param dataset the dataset name
 * @param uploadKey the upload key (resuming begins again with it)
 * @param upload the server's upload id
 * @param partRows input rows per part
 * @param blind whether identifiers are blinded locally
 * @param maxRejected the tolerated invalid rows
 * @param fingerprint the input file's size, modification time and SHA-256 of its first MiB
 * @param parts the acknowledged parts, in order
 */
record UploadState(
    String server,
    String dataset,
    String uploadKey,
    String upload,
    int partRows,
    boolean blind,
    long maxRejected,
    String fingerprint,
    List<PartState> parts) {
  static final String FORMAT = "parley.partner-upload.v1";

  /** The bytes of the input that the fingerprint digests. */
  static final int HEAD = 1 << 20;

  /**
   * One acknowledged part.
   *
   * @param part the part number
   * @param sourceRows the input data rows it covered (sent or rejected locally)
   * @param firstRow the upload-wide row number of its first row
   * @param rows the rows sent
   * @param localRejected the rows rejected locally
   * @param sha256 the SHA-256 of the part's bytes, hex
   */
  record PartState(
      int part, long sourceRows, long firstRow, long rows, long localRejected, String sha256) {}

  /** Copies the list. */
  UploadState {
    Objects.requireNonNull(uploadKey, "uploadKey");
    parts = List.copyOf(parts);
  }

  /** Returns the state file of an input file. */
  static Path fileFor(Path input) {
    return input.resolveSibling(input.getFileName() + ".parley-upload.json");
  }

  /** Returns this state with one more acknowledged part. */
  UploadState with(PartState part) {
    List<PartState> more = new ArrayList<>(parts);
    more.add(part);
    return new UploadState(
        server, dataset, uploadKey, upload, partRows, blind, maxRejected, fingerprint, more);
  }

  /** Returns whether a saved state belongs to the same upload of the same input. */
  boolean sameUpload(UploadState other) {
    return server.equals(other.server)
        && dataset.equals(other.dataset)
        && uploadKey.equals(other.uploadKey)
        && partRows == other.partRows
        && blind == other.blind
        && maxRejected == other.maxRejected
        && fingerprint.equals(other.fingerprint);
  }

  /** Computes an input file's fingerprint. */
  static String fingerprint(Path input) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(input)) {
      md.update(in.readNBytes(HEAD));
    }
    return "size="
        + Files.size(input)
        + ";mtime="
        + Files.getLastModifiedTime(input).toMillis()
        + ";head="
        + HexFormat.of().formatHex(md.digest());
  }

  /** Writes the state atomically (owner-only). */
  void save(Path file) throws IOException {
    JsonArray.Builder list = JsonArray.builder();
    for (PartState p : parts) {
      list.add(
          JsonObject.builder()
              .put("part", p.part())
              .put("sourceRows", p.sourceRows())
              .put("firstRow", p.firstRow())
              .put("rows", p.rows())
              .put("localRejected", p.localRejected())
              .put("sha256", p.sha256())
              .build());
    }
    JsonObject o =
        JsonObject.builder()
            .put("format", FORMAT)
            .put("server", server)
            .put("dataset", dataset)
            .put("uploadKey", uploadKey)
            .put("upload", upload)
            .put("partRows", partRows)
            .put("blind", blind)
            .put("maxRejected", maxRejected)
            .put("fingerprint", fingerprint)
            .put("parts", list.build())
            .build();
    DurableFiles.write(file, o.canonicalBytes(), true);
  }

  /**
   * Reads a state file.
   *
   * @param file the file
   * @return the state, or empty if there is none
   * @throws IOException if it exists but cannot be read or parsed
   */
  static Optional<UploadState> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonObject o = (JsonObject) Jcs.parse(Files.readAllBytes(file));
      if (!FORMAT.equals(o.getString("format"))) {
        throw new IOException(file + ": not a " + FORMAT + " file");
      }
      List<PartState> parts = new ArrayList<>();
      for (JsonValue v : o.getArray("parts").elements()) {
        JsonObject p = (JsonObject) v;
        parts.add(
            new PartState(
                (int) p.getLong("part"),
                p.getLong("sourceRows"),
                p.getLong("firstRow"),
                p.getLong("rows"),
                p.getLong("localRejected"),
                p.getString("sha256")));
      }
      return Optional.of(
          new UploadState(
              o.getString("server"),
              o.getString("dataset"),
              o.getString("uploadKey"),
              o.getString("upload"),
              (int) o.getLong("partRows"),
              o.getBoolean("blind"),
              o.getLong("maxRejected"),
              o.getString("fingerprint"),
              parts));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException(file + ": unreadable upload state (delete it to start over): " + e, e);
    }
  }
}
