package dev.parley.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.health.Readiness;
import dev.parley.gateway.ledger.LedgerComponent;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ComponentFactory;
import dev.parley.gateway.server.ParleyServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and oversized clients over raw sockets, against a gateway with short timeouts: a client that
 * dribbles its request head or body, or holds an idle connection, is cut off within the timeout
 * even though every byte would reset a plain idle timer; oversized heads are refused; a request
 * nobody answers gets 503; and a well-behaved keep-alive client is unaffected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {
  private static final Duration HEADER = Duration.ofMillis(1200);
  private static final Duration BODY = Duration.ofMillis(1200);
  private static final Duration REQUEST = Duration.ofMillis(2500);
  private static final ParleyServer.Limits LIMITS =
      new ParleyServer.Limits(
          Duration.ofSeconds(4), HEADER, BODY, REQUEST, Duration.ofSeconds(4), 16 * 1024, 8 * 1024);

  @TempDir static Path data;
  private Gateway gw;
  private int port;
  private String partnerKey;

  /** A route outside the contract that never answers. */
  private record Stuck() implements Component {
    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public void mount(Router router) {
      router.get("/probe/stuck").handler(ctx -> {});
    }

    @Override
    public Readiness readiness() {
      return Readiness.up();
    }
  }

  @BeforeAll
  void start() throws Exception {
    ComponentFactory stuck = ctx -> new Stuck();
    gw =
        Gateway.start(
            data,
            List.of(
                LedgerComponent.factory(),
                AuthComponent.factory(),
                MatchingComponent.factory(),
                stuck),
            LIMITS);
    URI base = URI.create(gw.server.baseUrl());
    port = base.getPort();
    partnerKey = gw.partner("acme").headers().get("Authorization");
  }

  @AfterAll
  void stop() throws Exception {
    gw.close();
  }

  /** Reads until the server closes; returns what arrived and how long it took. */
  private record Closed(String received, long millis, boolean closed) {}

  private Closed readUntilClosed(Socket s, long startNanos, Duration within) throws IOException {
    s.setSoTimeout((int) within.toMillis());
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    boolean closed;
    try {
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) >= 0) {
        got.write(buf, 0, n);
      }
      closed = true;
    } catch (SocketTimeoutException e) {
      closed = false;
    } catch (IOException e) {
      closed = true; // reset by the server
    }
    return new Closed(
        got.toString(StandardCharsets.ISO_8859_1),
        (System.nanoTime() - startNanos) / 1_000_000,
        closed);
  }

  /** Sends {@code text} one byte at a time every {@code gapMillis}, until the server closes. */
  private static boolean dribble(Socket s, String text, long gapMillis, Duration atMost) {
    long end = System.nanoTime() + atMost.toNanos();
    try {
      OutputStream out = s.getOutputStream();
      for (int i = 0; System.nanoTime() < end; i++) {
        out.write(text.charAt(i % text.length()));
        out.flush();
        Thread.sleep(gapMillis);
      }
      return false;
    } catch (IOException e) {
      return true; // the server closed the connection under us
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void dribbledHeaders_connectionClosedWithinHeaderTimeout() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      long t0 = System.nanoTime();
      s.getOutputStream()
          .write(
              "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: "
                  .getBytes(StandardCharsets.US_ASCII));
      Thread dribbler =
          Thread.ofVirtual().start(() -> dribble(s, "abcdefgh", 100, Duration.ofSeconds(10)));
      Closed c = readUntilClosed(s, t0, HEADER.plusSeconds(3));
      dribbler.interrupt();
      assertTrue(c.closed(), "still open after " + c.millis() + " ms");
      assertTrue(c.millis() < HEADER.toMillis() + 1500, "closed after " + c.millis() + " ms");
      assertTrue(c.millis() >= HEADER.toMillis() - 200, "not before the timeout: " + c.millis());
    }
  }

  @Test
  void silentConnection_closedWithinHeaderTimeout() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      Closed c = readUntilClosed(s, System.nanoTime(), HEADER.plusSeconds(3));
      assertTrue(c.closed() && c.millis() < HEADER.toMillis() + 1500, c.toString());
    }
  }

  @Test
  void dribbledBody_408AndClosedWithinBodyTimeout() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      long t0 = System.nanoTime();
      String head =
          "POST /oprf/evaluate HTTP/1.1\r\nHost: x\r\nAuthorization: "
              + partnerKey
              + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      Thread dribbler =
          Thread.ofVirtual().start(() -> dribble(s, " ", 100, Duration.ofSeconds(10)));
      Closed c = readUntilClosed(s, t0, BODY.plusSeconds(3));
      dribbler.interrupt();
      assertTrue(c.closed(), "still open after " + c.millis() + " ms");
      assertTrue(c.received().startsWith("HTTP/1.1 408 "), c.received());
      assertTrue(c.received().contains("application/problem+json"), c.received());
      assertTrue(c.millis() < BODY.toMillis() + 1500, "closed after " + c.millis() + " ms");
    }
  }

  @Test
  void keepAlive_secondRequestServedThenIdleConnectionClosed() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      s.setSoTimeout(5000);
      for (int i = 0; i < 2; i++) {
        out.write(
            "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = readResponse(in);
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        Thread.sleep(HEADER.toMillis() / 3);
      }
      long t0 = System.nanoTime();
      Closed c = readUntilClosed(s, t0, HEADER.plusSeconds(3));
      assertTrue(c.closed() && c.millis() < HEADER.toMillis() + 1500, c.toString());
    }
  }

  @Test
  void unansweredRequest_503AfterRequestTimeout() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      long t0 = System.nanoTime();
      s.getOutputStream()
          .write(
              "GET /probe/stuck HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout((int) REQUEST.plusSeconds(3).toMillis());
      String response = readResponse(s.getInputStream());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(response.startsWith("HTTP/1.1 503 "), response);
      assertTrue(ms >= REQUEST.toMillis() - 200 && ms < REQUEST.toMillis() + 1500, ms + " ms");
    }
  }

  @Test
  void oversizedHeadOrRequestLine_refused() throws Exception {
    assertEquals(
        431,
        rawStatus(
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"));
    assertEquals(
        414, rawStatus("GET /health/live?" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
  }

  private int rawStatus(String request) throws IOException {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String response = readResponse(s.getInputStream());
      return Integer.parseInt(response.substring(9, 12));
    }
  }

  /** Reads one response with a Content-Length body (or none). */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : h.split("\r\n", -1)) {
      if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }
}
