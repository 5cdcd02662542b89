package dev.parley.gateway.partner;

import dev.parley.ledger.jcs.InvalidJsonException;
import dev.parley.ledger.jcs.Jcs;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.jcs.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A partner's HTTP client for Parley's clean-room, matching and ledger routes ({@code
 * java.net.http}); thread-safe. Every call sends {@code Authorization: Bearer <API key>}; answers
 * are parsed as strict JSON; a status of 400 or more becomes an {@link ApiException} with the
 * server's problem. The API key is never part of a message or {@link #toString()}.
 */
public final class PartnerClient {
  /** The header naming a part's first row. */
  public static final String FIRST_ROW_HEADER = "Parley-First-Row";

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final URI server;
  private final String apiKey;
  private final HttpClient http;

  /**
   * Creates a client.
   *
   * @param server the base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey the partner API key
   * @param http the HTTP client to use
   */
  public PartnerClient(URI server, String apiKey, HttpClient http) {
    String s = Objects.requireNonNull(server, "server").toString();
    this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.http = Objects.requireNonNull(http, "http");
    if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("API key: must be printable ASCII without spaces");
    }
  }

  /**
   * Creates a client with a default HTTP client.
   *
   * @param server the base URL
   * @param apiKey the partner API key
   * @return the client
   */
  public static PartnerClient create(URI server, String apiKey) {
    return new PartnerClient(
        server, apiKey, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
  }

  /**
   * Returns the server's base URL.
   *
   * @return the URL without a trailing slash
   */
  public URI server() {
    return server;
  }

  /** The answer to a call: status and JSON body. */
  public record Answer(int status, JsonObject body) {}

  /**
   * {@code GET} a JSON resource.
   *
   * @param path the path, e.g. {@code /cleanroom/datasets}
   * @return the answer
   * @throws ApiException if the server refused
   * @throws IOException if the call failed
   */
  public Answer get(String path) throws ApiException, IOException {
    return json("GET " + path, request(path).GET().build());
  }

  /**
   * {@code POST} a JSON body (or none).
   *
   * @param path the path
   * @param body the body, or null to send none
   * @return the answer
   * @throws ApiException if the server refused
   * @throws IOException if the call failed
   */
  public Answer post(String path, JsonValue body) throws ApiException, IOException {
    HttpRequest.Builder b = request(path);
    if (body == null) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.canonicalBytes()));
    }
    return json("POST " + path, b.build());
  }

  /**
   * {@code PUT} one part of an upload.
   *
   * @param upload the upload id
   * @param part the part number
   * @param firstRow the upload-wide row number of its first data row
   * @param body the part's bytes
   * @param gzip whether the bytes are gzip-compressed CSV
   * @return the answer (the part's receipt)
   * @throws ApiException if the server refused
   * @throws IOException if the call failed
   */
  public Answer putPart(String upload, int part, long firstRow, byte[] body, boolean gzip)
      throws ApiException, IOException {
    String path = "/cleanroom/uploads/" + upload + "/parts/" + part;
    HttpRequest r =
        request(path)
            .header("Content-Type", gzip ? "application/gzip" : "text/csv")
            .header(FIRST_ROW_HEADER, Long.toString(firstRow))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return json("PUT " + path, r);
  }

  /**
   * {@code GET} a text resource (e.g. the ledger's verifier key).
   *
   * @param path the path
   * @return the body as UTF-8 text
   * @throws ApiException if the server refused
   * @throws IOException if the call failed
   */
  public String text(String path) throws ApiException, IOException {
    HttpResponse<byte[]> r = send(request(path).GET().build());
    if (r.statusCode() >= 400) {
      throw new ApiException("GET " + path, r.statusCode(), problem(r.body()));
    }
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /**
   * {@code GET} raw bytes (e.g. a receipt, verified by the caller).
   *
   * @param path the path
   * @return the body
   * @throws ApiException if the server refused
   * @throws IOException if the call failed
   */
  public byte[] bytes(String path) throws ApiException, IOException {
    HttpResponse<byte[]> r = send(request(path).GET().build());
    if (r.statusCode() >= 400) {
      throw new ApiException("GET " + path, r.statusCode(), problem(r.body()));
    }
    return r.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .header("Accept", "application/json");
  }

  private Answer json(String what, HttpRequest request) throws ApiException, IOException {
    HttpResponse<byte[]> r = send(request);
    if (r.statusCode() >= 400) {
      throw new ApiException(what, r.statusCode(), problem(r.body()));
    }
    try {
      JsonValue v = Jcs.parse(r.body());
      if (v instanceof JsonObject o) {
        return new Answer(r.statusCode(), o);
      }
    } catch (InvalidJsonException e) {
      throw new IOException(what + ": the server's answer is not JSON: " + e.getMessage(), e);
    }
    throw new IOException(what + ": the server's answer is not a JSON object");
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static JsonObject problem(byte[] body) {
    try {
      if (Jcs.parse(body) instanceof JsonObject o) {
        return o;
      }
    } catch (IllegalArgumentException e) {
      // Not a problem object (e.g. a proxy's HTML error page).
    }
    return JsonObject.builder().build();
  }

  @Override
  public String toString() {
    return "PartnerClient[" + server + "]";
  }
}
