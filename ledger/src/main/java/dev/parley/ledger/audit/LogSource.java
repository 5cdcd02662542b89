package dev.parley.ledger.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where an auditor reads a tiled log from: a directory or an HTTP(S) prefix.
 *
 * <p>Paths are C2SP tlog-tiles resource paths relative to the log prefix: {@code checkpoint},
 * {@code tile/0/x001/234}, {@code tile/entries/000.p/17}, ...
 */
public interface LogSource {
  /**
   * Reads one resource.
   *
   * @param path the resource path relative to the log prefix
   * @return its bytes
   * @throws NoSuchFileException if the resource does not exist
   * @throws IOException if it cannot be read
   */
  byte[] read(String path) throws IOException;

  /**
   * Returns a human-readable description of where a path lives, for error messages.
   *
   * @param path the resource path
   * @return e.g. {@code /data/ledger/log/tile/0/000}
   */
  String describe(String path);

  /**
   * A log in a local directory (the layout Parley writes under {@code <data>/ledger/log}).
   *
   * @param root the directory holding {@code checkpoint} and {@code tile/}
   * @return the source
   */
  static LogSource directory(Path root) {
    return new LogSource() {
      @Override
      public byte[] read(String path) throws IOException {
        return Files.readAllBytes(root.resolve(path));
      }

      @Override
      public String describe(String path) {
        return root.resolve(path).toString();
      }
    };
  }

  /**
   * A log served over HTTP(S) by any static file server or by Parley's {@code /ledger/} routes.
   *
   * @param prefix the log URL prefix, e.g. {@code http://127.0.0.1:8080/ledger/}
   * @return the source
   */
  static LogSource http(URI prefix) {
    String base = prefix.toString().endsWith("/") ? prefix.toString() : prefix + "/";
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new LogSource() {
      @Override
      public byte[] read(String path) throws IOException {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
          response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted fetching " + base + path, e);
        }
        if (response.statusCode() == 404) {
          throw new NoSuchFileException(base + path);
        }
        if (response.statusCode() != 200) {
          throw new IOException("GET " + base + path + " returned HTTP " + response.statusCode());
        }
        return response.body();
      }

      @Override
      public String describe(String path) {
        return base + path;
      }
    };
  }
}
