package dev.parley.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's files, headers and markup rules, over real HTTP. */
class ConsentCenterPageTest {
  @TempDir Path data;
  private ParleyServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server =
        TestServers.start(
            data,
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                ConsentCenterComponent.factory()));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void get_pageAndAssets_servedWithStrictCsp() throws Exception {
    Map<String, String> types =
        Map.of(
            "/consent-center/", "text/html; charset=utf-8",
            "/consent-center/index.html", "text/html; charset=utf-8",
            "/consent-center/app.js", "text/javascript; charset=utf-8",
            "/consent-center/app.css", "text/css; charset=utf-8");
    for (Map.Entry<String, String> e : types.entrySet()) {
      HttpResponse<String> r = get(e.getKey());
      assertEquals(200, r.statusCode(), e.getKey());
      assertEquals(e.getValue(), r.headers().firstValue("content-type").orElseThrow());
      assertEquals(
          List.of(
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                  + "connect-src 'self'; form-action 'self'; base-uri 'none'; "
                  + "frame-ancestors 'none'"),
          r.headers().allValues("content-security-policy"),
          "exactly one policy, the page's, on " + e.getKey());
      assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElseThrow());
    }
  }

  @Test
  void get_otherPaths_redirectOr404WithGlobalPolicy() throws Exception {
    HttpResponse<String> r = get("/consent-center");
    assertEquals(301, r.statusCode());
    assertEquals("/consent-center/", r.headers().firstValue("location").orElseThrow());
    for (String path :
        List.of(
            "/consent-center/missing.js",
            "/consent-center/APP.JS",
            "/consent-center/app.js/x",
            "/consent-center/web/consent-center/app.js")) {
      HttpResponse<String> nf = get(path);
      assertEquals(404, nf.statusCode(), path);
      assertEquals(
          "default-src 'none'; frame-ancestors 'none'",
          nf.headers().firstValue("content-security-policy").orElseThrow(),
          path);
    }
  }

  @Test
  void html_noInlineCodeNoExternalAssetsAndEveryControlLabelled() throws Exception {
    String html = get("/consent-center/").body();
    assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "inline script");
    assertFalse(html.contains("<style"), "inline style element");
    assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "style attribute");
    assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "event-handler attribute");
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "external");
    assertTrue(html.contains("aria-live=\"polite\""), "a live status region");
    Matcher inputs = Pattern.compile("<input[^>]*\\bid=\"([^\"]+)\"").matcher(html);
    int n = 0;
    while (inputs.find()) {
      n++;
      assertTrue(
          html.contains("<label for=\"" + inputs.group(1) + "\""),
          "a <label> for input " + inputs.group(1));
    }
    assertEquals(2, n, "the email and code inputs");
    String js = get("/consent-center/app.js").body();
    assertFalse(js.contains("innerHTML"), "markup is built with DOM calls, never innerHTML");
    assertFalse(js.contains("localStorage") || js.contains("sessionStorage"), "no storage");
    assertFalse(js.contains(".style."), "no inline styles from script");
  }
}
