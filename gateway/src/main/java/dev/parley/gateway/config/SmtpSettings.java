package dev.parley.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outgoing mail relay that delivers consent-center sign-in codes; every setting is optional.
 *
 * <p>With no {@link #host()} Parley uses its embedded dev mailbox ({@code <data>/dev-mailbox/}) and
 * sends nothing over the network. The settings come from the environment variables {@code
 * PARLEY_SMTP_*} (see {@link #fromEnvironment(Map)}), so the password never sits in a configuration
 * file; {@link #toString()} redacts it.
 *
 * @param host the relay's host name or literal address; empty for the dev mailbox
 * @param port the relay's port (default 587, the submission port of RFC 6409)
 * @param startTls whether the connection is upgraded with STARTTLS (default required)
 * @param username the login name, present exactly when {@code password} is
 * @param password the login password
 * @param from the sender address ({@code local@domain}) of sign-in mails
 */
public record SmtpSettings(
    Optional<String> host,
    int port,
    SmtpStartTls startTls,
    Optional<String> username,
    Optional<SecretValue> password,
    String from) {

  /** The environment variable naming the relay host. */
  public static final String ENV_HOST = "PARLEY_SMTP_HOST";

  /** The environment variable naming the relay port. */
  public static final String ENV_PORT = "PARLEY_SMTP_PORT";

  /** The environment variable naming the start-TLS mode. */
  public static final String ENV_STARTTLS = "PARLEY_SMTP_STARTTLS";

  /** The environment variable naming the login name. */
  public static final String ENV_USERNAME = "PARLEY_SMTP_USERNAME";

  /** The environment variable holding the login password. */
  public static final String ENV_PASSWORD = "PARLEY_SMTP_PASSWORD";

  /** The environment variable naming the sender address. */
  public static final String ENV_FROM = "PARLEY_SMTP_FROM";

  /** The default port: message submission (RFC 6409 section 3.1). */
  public static final int DEFAULT_PORT = 587;

  /** The default sender address. */
  public static final String DEFAULT_FROM = "parley@localhost";

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@" + HOST_NAME.pattern());
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");

  /**
   * Returns the settings that select the dev mailbox.
   *
   * @return settings with no host
   */
  public static SmtpSettings devMailbox() {
    return new Builder().build();
  }

  /**
   * Returns whether a relay is configured (otherwise the dev mailbox is used).
   *
   * @return true when {@link #host()} is present
   */
  public boolean relayConfigured() {
    return host.isPresent();
  }

  /**
   * Reads the settings from {@code PARLEY_SMTP_*} environment variables; unset or empty variables
   * take their defaults.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @return the validated settings
   * @throws ConfigException listing every problem, each naming the setting and its variable
   */
  public static SmtpSettings fromEnvironment(Map<String, String> env) {
    Builder b = new Builder();
    List<String> problems = new ArrayList<>();
    String port = value(env, ENV_PORT);
    String startTls = value(env, ENV_STARTTLS);
    b.host = value(env, ENV_HOST);
    b.username = value(env, ENV_USERNAME);
    b.password = value(env, ENV_PASSWORD);
    if (value(env, ENV_FROM) != null) {
      b.from = value(env, ENV_FROM);
    }
    if (port != null) {
      try {
        b.port = Integer.parseInt(port.trim());
        b.portSet = true;
      } catch (NumberFormatException e) {
        problems.add("smtpPort (" + ENV_PORT + "): must be an integer, got '" + port + "'");
      }
    }
    if (startTls != null) {
      try {
        b.startTls = SmtpStartTls.parse(startTls);
        b.startTlsSet = true;
      } catch (IllegalArgumentException e) {
        problems.add("smtpStartTls (" + ENV_STARTTLS + "): " + e.getMessage());
      }
    }
    problems.addAll(b.problems());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return b.build();
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host.orElse("(dev mailbox)")
        + ", port="
        + port
        + ", startTls="
        + startTls.label()
        + ", username="
        + username.orElse("-")
        + ", password="
        + (password.isPresent() ? "[redacted]" : "-")
        + ", from="
        + from
        + "]";
  }

  /** Collects raw values and validates them together, so every problem is reported at once. */
  private static final class Builder {
    private String host;
    private int port = DEFAULT_PORT;
    private boolean portSet;
    private SmtpStartTls startTls = SmtpStartTls.REQUIRED;
    private boolean startTlsSet;
    private String username;
    private String password;
    private String from = DEFAULT_FROM;

    List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (host != null) {
        String h = host.trim();
        if (!HOST_NAME.matcher(h).matches() && !IP_LITERAL.matcher(h).matches()) {
          problems.add(
              "smtpHost ("
                  + ENV_HOST
                  + "): must be a host name or literal address, got '"
                  + h
                  + "'");
        }
      }
      if (port < 1 || port > 65535) {
        problems.add("smtpPort (" + ENV_PORT + "): must be 1-65535, got " + port);
      }
      if (username != null && !PRINTABLE.matcher(username).matches()) {
        problems.add(
            "smtpUsername ("
                + ENV_USERNAME
                + "): must be printable ASCII without spaces or control characters");
      }
      if ((username == null) != (password == null)) {
        problems.add(
            username == null
                ? "smtpPassword (" + ENV_PASSWORD + "): set without " + ENV_USERNAME
                : "smtpUsername (" + ENV_USERNAME + "): set without " + ENV_PASSWORD);
      }
      if (!ADDRESS.matcher(from).matches()) {
        problems.add(
            "smtpFrom ("
                + ENV_FROM
                + "): must be a plain address local@domain, got '"
                + from
                + "'");
      }
      if (host == null) {
        requireHost(problems, portSet, "smtpPort", ENV_PORT);
        requireHost(problems, startTlsSet, "smtpStartTls", ENV_STARTTLS);
        requireHost(problems, username != null, "smtpUsername", ENV_USERNAME);
        requireHost(problems, password != null, "smtpPassword", ENV_PASSWORD);
      } else if (password != null
          && startTls != SmtpStartTls.REQUIRED
          && !ParleyConfig.isLoopback(host.trim())) {
        problems.add(
            "smtpStartTls ("
                + ENV_STARTTLS
                + "): must be 'required' when a password is sent to a relay that is not on"
                + " loopback, got '"
                + startTls.label()
                + "'");
      }
      return problems;
    }

    private static void requireHost(List<String> problems, boolean set, String key, String env) {
      if (set) {
        problems.add(
            key
                + " ("
                + env
                + "): has no effect without "
                + ENV_HOST
                + " (the dev mailbox is used)");
      }
    }

    SmtpSettings build() {
      return new SmtpSettings(
          Optional.ofNullable(host).map(String::trim),
          port,
          startTls,
          Optional.ofNullable(username),
          Optional.ofNullable(password).map(SecretValue::of),
          from);
    }
  }
}
