package dev.parley.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.server.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the built {@code parley.jar} as a child process: readiness, then clean SIGTERM shutdown.
 */
class ParleyJarIT {
  @TempDir Path dir;

  @Test
  void serve_thenSigterm_readyThenStopsCleanly() throws Exception {
    Path jar = Path.of(System.getProperty("parley.jar", "target/parley.jar"));
    assertTrue(Files.exists(jar), "built jar at " + jar);
    int port = TestServers.freePort();
    Path log = dir.resolve("out.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    System.getProperty("parley.test.java", "java"),
                    "-jar",
                    jar.toString(),
                    "serve",
                    "--port",
                    Integer.toString(port),
                    "--data",
                    dir.resolve("data").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      int status = waitReady(http, port, p);
      assertEquals(200, status, "ready; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
      HttpResponse<String> metrics = get(http, port, "/metrics");
      assertTrue(metrics.body().contains("jvm_memory_used_bytes"));

      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exits within the grace period");
      // 143 = 128 + SIGTERM: the JVM's conventional status after running its shutdown hooks.
      assertEquals(143, p.exitValue());
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(out.contains("\"msg\":\"parley shutting down\""), out);
      assertTrue(out.contains("\"msg\":\"parley stopped\""), out);
      assertTrue(
          out.lines().filter(l -> l.startsWith("{")).allMatch(l -> l.endsWith("}")), "JSON lines");
      assertTrue(out.contains("Parley is running."), out);
    } finally {
      p.destroyForcibly();
    }
  }

  private static int waitReady(HttpClient http, int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        return get(http, port, "/health/ready").statusCode();
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    return -1;
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
