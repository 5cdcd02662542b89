package dev.parley.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parley's validated, immutable configuration, loaded once at start-up.
 *
 * <p>Instances come only from {@link Builder#build()}, which checks every field and reports all
 * problems at once as {@code field: reason} lines (for example {@code port: must be 1-65535, got
 * 70000}).
 *
 * @param host the address to listen on; a literal IP address or {@code localhost}
 * @param port the TCP port, 1-65535
 * @param dataDir the directory holding every store (ledger, consent, clean room, TLS material)
 * @param tls whether to serve HTTPS
 * @param shutdownGrace how long in-flight requests may take to finish on shutdown
 * @param smtp the mail relay for consent-center sign-in codes (no host: the dev mailbox)
 */
public record ParleyConfig(
    String host, int port, Path dataDir, TlsMode tls, Duration shutdownGrace, SmtpSettings smtp) {

  /** Default listen address: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Default data directory, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  /**
   * Returns whether the gateway serves HTTPS with this configuration.
   *
   * @return true for TLS
   */
  public boolean tlsEnabled() {
    return tls == TlsMode.ON || (tls == TlsMode.AUTO && !isLoopback(host));
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns whether {@code host} names a loopback address ({@code 127.0.0.0/8}, {@code ::1} or
   * {@code localhost}) without consulting DNS.
   *
   * @param host a literal address or {@code localhost}
   * @return true for loopback
   */
  public static boolean isLoopback(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    if (!isLiteralAddress(host)) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isLiteralAddress(String host) {
    return host.matches("[0-9.]+") || (host.contains(":") && host.matches("[0-9a-fA-F:.\\[\\]]+"));
  }

  /** A validating builder for {@link ParleyConfig}. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private long port = DEFAULT_PORT;
    private Path dataDir = DEFAULT_DATA_DIR;
    private TlsMode tls = TlsMode.AUTO;
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private SmtpSettings smtp = SmtpSettings.devMailbox();

    private Builder() {}

    /**
     * Sets the listen address.
     *
     * @param value a literal IP address or {@code localhost}
     * @return this builder
     */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param value 1-65535
     * @return this builder
     */
    public Builder port(long value) {
      this.port = value;
      return this;
    }

    /**
     * Sets the data directory.
     *
     * @param value a path
     * @return this builder
     */
    public Builder dataDir(Path value) {
      this.dataDir = value;
      return this;
    }

    /**
     * Sets the TLS mode.
     *
     * @param value the mode
     * @return this builder
     */
    public Builder tls(TlsMode value) {
      this.tls = value;
      return this;
    }

    /**
     * Sets the shutdown grace period.
     *
     * @param value 1-300 seconds
     * @return this builder
     */
    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = value;
      return this;
    }

    /**
     * Sets the mail relay settings.
     *
     * @param value validated settings (see {@link SmtpSettings#fromEnvironment})
     * @return this builder
     */
    public Builder smtp(SmtpSettings value) {
      this.smtp = value;
      return this;
    }

    /**
     * Validates every field and builds the configuration.
     *
     * @return the configuration
     * @throws ConfigException listing every problem
     */
    public ParleyConfig build() {
      List<String> problems = new ArrayList<>();
      if (host == null || host.isBlank()) {
        problems.add("host: must not be empty");
      } else if (!"localhost".equalsIgnoreCase(host) && !isLiteralAddress(host)) {
        problems.add("host: must be a literal IP address or localhost, got '" + host + "'");
      }
      if (port < 1 || port > 65535) {
        problems.add("port: must be 1-65535, got " + port);
      }
      if (dataDir == null || dataDir.toString().isBlank()) {
        problems.add("dataDir: must not be empty");
      }
      if (tls == null) {
        problems.add("tls: must be one of auto, on, off");
      } else if (tls == TlsMode.OFF && host != null && !isLoopback(host)) {
        problems.add(
            "tls: plain HTTP is allowed only on a loopback address, but host is '" + host + "'");
      }
      if (shutdownGrace == null
          || shutdownGrace.compareTo(Duration.ofSeconds(1)) < 0
          || shutdownGrace.compareTo(Duration.ofSeconds(300)) > 0) {
        problems.add(
            "shutdownGraceSeconds: must be 1-300, got "
                + (shutdownGrace == null ? "nothing" : shutdownGrace.toSeconds()));
      }
      if (smtp == null) {
        problems.add("smtp: must be set (SmtpSettings.devMailbox() for none)");
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new ParleyConfig(
          host, (int) port, dataDir.toAbsolutePath().normalize(), tls, shutdownGrace, smtp);
    }
  }
}
