package dev.parley.gateway.cleanroom;

import dev.parley.cleanroom.analysis.AnalysisRequest;
import dev.parley.cleanroom.analysis.QueryResult;
import dev.parley.cleanroom.analysis.RequestJson;
import dev.parley.cleanroom.collab.Collaboration;
import dev.parley.consent.partner.Partner;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The released query results, kept durably so a partner can read them again after a restart: {@code
 * <dir>/<partner>/<collaboration>/<queryId>.json}, written with {@link DurableFiles} (owner only).
 * Results are filed under the partner that requested them, so another partner has no path to them.
 * Thread-safe (each result is one immutable file).
 *
 * <p>A stored result holds {@code queryId}, {@code collaboration}, {@code partner}, {@code
 * releasedAt}, the normalized {@code request}, {@code requestHash}, {@code outputDigest}, {@code
 * consentSize}, {@code ledgerIndex} and the released {@code output}; {@link #toApi} flattens the
 * output's members into the answer.
 */
public final class ResultStore {
  /** The format tag of stored results. */
  public static final String FORMAT = "parley.result.v1";

  /** The most results one listing returns (the newest). */
  public static final int MAX_LISTED = 1000;

  /** The syntax of query ids: 32 lowercase hex digits. */
  public static final Pattern QUERY_ID = Pattern.compile("[0-9a-f]{32}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  private ResultStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens the store.
   *
   * @param dir the results directory (e.g. {@code <data>/clean-room/results})
   * @return the store
   * @throws IOException if the directory cannot be created
   */
  public static ResultStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new ResultStore(dir);
  }

  /**
   * Stores a released result under a new query id.
   *
   * @param partnerId the requesting partner
   * @param collaborationId the collaboration
   * @param request the request as run
   * @param result the released result
   * @param releasedAt when it was released
   * @return the stored result
   * @throws IOException if it cannot be written durably
   */
  public JsonObject save(
      String partnerId,
      String collaborationId,
      AnalysisRequest request,
      QueryResult result,
      Instant releasedAt)
      throws IOException {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String queryId = HexFormat.of().formatHex(id);
    JsonObject stored =
        JsonObject.builder()
            .put("format", FORMAT)
            .put("queryId", queryId)
            .put("collaboration", collaborationId)
            .put("partner", partnerId)
            .put("releasedAt", releasedAt.toString())
            .put("request", RequestJson.toJson(request))
            .put("requestHash", result.requestHash())
            .put("outputDigest", result.outputDigest())
            .put("consentSize", result.consentSize())
            .put("ledgerIndex", result.ledgerIndex())
            .put("output", result.output().toJson())
            .build();
    DurableFiles.write(
        folder(partnerId, collaborationId).resolve(queryId + ".json"),
        stored.canonicalBytes(),
        true);
    return stored;
  }

  /**
   * Returns the results a partner requested in a collaboration, newest (highest ledger index)
   * first, at most {@value #MAX_LISTED}.
   *
   * @param partnerId the requesting partner
   * @param collaborationId the collaboration
   * @return the stored results
   * @throws IOException if a file cannot be read
   */
  public List<JsonObject> list(String partnerId, String collaborationId) throws IOException {
    Path folder = folder(partnerId, collaborationId);
    List<JsonObject> out = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
        for (Path f : files) {
          out.add(read(f));
        }
      }
    }
    out.sort(Comparator.comparingLong((JsonObject o) -> o.getLong("ledgerIndex")).reversed());
    return out.size() > MAX_LISTED ? List.copyOf(out.subList(0, MAX_LISTED)) : out;
  }

  /**
   * Returns one result, if this partner requested it in this collaboration.
   *
   * @param partnerId the requesting partner
   * @param collaborationId the collaboration
   * @param queryId the query id
   * @return the stored result
   * @throws IOException if the file cannot be read
   */
  public Optional<JsonObject> find(String partnerId, String collaborationId, String queryId)
      throws IOException {
    if (queryId == null || !QUERY_ID.matcher(queryId).matches()) {
      return Optional.empty();
    }
    Path f = folder(partnerId, collaborationId).resolve(queryId + ".json");
    return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
  }

  /**
   * Returns the API form of a stored result: its members without {@code format} and {@code output},
   * plus the output's members ({@code kind}, {@code groupColumns}, {@code valueColumns}, {@code
   * rows}, {@code suppressedRows}, {@code matchRate}, ...).
   *
   * @param stored a stored result
   * @return the answer
   */
  public static JsonObject toApi(JsonObject stored) {
    JsonObject.Builder b = JsonObject.builder();
    for (Map.Entry<String, JsonValue> e : stored.members().entrySet()) {
      if (!e.getKey().equals("format") && !e.getKey().equals("output")) {
        b.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, JsonValue> e : stored.getObject("output").members().entrySet()) {
      b.put(e.getKey(), e.getValue());
    }
    return b.build();
  }

  private Path folder(String partnerId, String collaborationId) {
    Partner.requireId(partnerId, "partnerId");
    Collaboration.requireId(collaborationId, "collaboration");
    return dir.resolve(partnerId).resolve(collaborationId);
  }

  private static JsonObject read(Path f) throws IOException {
    try {
      JsonValue v = Jcs.parse(Files.readAllBytes(f));
      if (v instanceof JsonObject o && FORMAT.equals(o.getString("format"))) {
        return o;
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(f.getFileName() + ": not a stored result: " + e.getMessage(), e);
    }
    throw new IOException(f.getFileName() + ": not a stored result");
  }
}
