package dev.parley.gateway.signin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A cookie-keeping HTTP client for one simulated person, against one gateway. */
public final class Browserless {
  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  /**
   * Creates the client.
   *
   * @param base the gateway's base URL
   */
  public Browserless(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * Returns the cookie store.
   *
   * @return the cookie manager
   */
  public CookieManager cookies() {
    return cookies;
  }

  /**
   * Sends a request.
   *
   * @param method the method
   * @param path the path
   * @param json a JSON body, or null
   * @param headers extra header name/value pairs
   * @return the response
   * @throws IOException on I/O errors
   * @throws InterruptedException if interrupted
   */
  public HttpResponse<String> send(String method, String path, String json, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (json != null) {
      b.header("content-type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
