package dev.parley.gateway.server;

import dev.parley.gateway.config.ParleyConfig;
import dev.parley.gateway.config.TlsMode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Starts real gateways for tests, on free loopback ports with their own data directories. */
public final class TestServers {
  private TestServers() {}

  /**
   * Returns a port that was free a moment ago.
   *
   * @return a port number
   * @throws IOException if no port can be bound
   */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts a plain-HTTP gateway on loopback.
   *
   * @param dataDir the data directory
   * @param factories extra components
   * @return the running server
   * @throws Exception if it cannot start
   */
  public static ParleyServer start(Path dataDir, List<ComponentFactory> factories)
      throws Exception {
    return ParleyServer.start(config(dataDir, TlsMode.AUTO), Clock.systemUTC(), factories);
  }

  /**
   * Returns a loopback configuration on a free port.
   *
   * @param dataDir the data directory
   * @param tls the TLS mode
   * @return the configuration
   * @throws IOException if no port is free
   */
  public static ParleyConfig config(Path dataDir, TlsMode tls) throws IOException {
    return ParleyConfig.builder()
        .port(freePort())
        .dataDir(dataDir)
        .tls(tls)
        .shutdownGrace(Duration.ofSeconds(5))
        .build();
  }
}
