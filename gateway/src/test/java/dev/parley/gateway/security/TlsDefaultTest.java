package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.config.ConfigException;
import dev.parley.gateway.config.ConfigLoader;
import dev.parley.gateway.config.ParleyConfig;
import dev.parley.gateway.config.TlsMode;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is the default: plain HTTP is only ever served on a loopback address, a configuration asking
 * for it elsewhere is refused, and a gateway listening on every address speaks only TLS (with
 * HSTS).
 */
class TlsDefaultTest {
  @TempDir Path data;

  @Test
  void config_tlsAutoOrDefault_onEverywhereButLoopback() throws Exception {
    for (String host : List.of("0.0.0.0", "192.0.2.10", "::")) {
      ParleyConfig c = ParleyConfig.builder().host(host).dataDir(data).build();
      assertTrue(c.tlsEnabled(), host);
    }
    for (String host : List.of("127.0.0.1", "127.1.2.3", "::1", "localhost")) {
      assertFalse(ParleyConfig.builder().host(host).dataDir(data).build().tlsEnabled(), host);
    }
    assertTrue(
        ParleyConfig.builder()
            .host("127.0.0.1")
            .dataDir(data)
            .tls(TlsMode.ON)
            .build()
            .tlsEnabled());
  }

  @Test
  void config_plainHttpOnAnotherAddress_refusedFromEverySource() {
    ConfigException fromBuilder =
        assertThrows(
            ConfigException.class,
            () -> ParleyConfig.builder().host("0.0.0.0").tls(TlsMode.OFF).dataDir(data).build());
    assertTrue(fromBuilder.getMessage().contains("loopback"), fromBuilder.getMessage());
    ConfigException fromFlags =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(null, Map.of(), Map.of("host", "0.0.0.0", "tls", "off")));
    assertTrue(fromFlags.getMessage().contains("tls"), fromFlags.getMessage());
  }

  @Test
  void server_onEveryAddress_speaksOnlyTlsWithHsts() throws Exception {
    ParleyConfig config =
        ParleyConfig.builder()
            .host("0.0.0.0")
            .port(TestServers.freePort())
            .dataDir(data)
            .shutdownGrace(Duration.ofSeconds(2))
            .build();
    ParleyServer server =
        ParleyServer.start(config, Clock.systemUTC(), List.of(AuthComponent.factory()));
    try {
      int port = URI.create(server.baseUrl()).getPort();
      assertTrue(server.baseUrl().startsWith("https://"), server.baseUrl());
      HttpClient tls =
          HttpClient.newBuilder()
              .sslContext(trustAll())
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      HttpResponse<String> ok =
          tls.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health/live"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode());
      assertEquals(
          "max-age=31536000", ok.headers().firstValue("strict-transport-security").orElse(""));
      assertFalse(plainHttpAnswers(port), "plain HTTP must not be served");
    } finally {
      server.stop();
    }
  }

  /** Whether a plain HTTP request gets an HTTP response. */
  private static boolean plainHttpAnswers(int port) throws IOException {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(8);
      return new String(head, StandardCharsets.ISO_8859_1).startsWith("HTTP/");
    } catch (IOException e) {
      return false; // reset: the TLS handshake failed
    }
  }

  private static SSLContext trustAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return ctx;
  }
}
