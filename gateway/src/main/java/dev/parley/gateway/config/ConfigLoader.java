package dev.parley.gateway.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads {@link ParleyConfig} from, in increasing precedence: defaults, a JSON file, environment
 * variables ({@code PARLEY_*}) and command-line flags. The mail relay settings come from the
 * environment only ({@code PARLEY_SMTP_*}, see {@link SmtpSettings#fromEnvironment}), so the SMTP
 * password is never written into a configuration file.
 *
 * <p>Every source is read once; every malformed value is reported with its source, and all problems
 * are reported together in one {@link ConfigException}.
 */
public final class ConfigLoader {
  /** The keys a configuration file may hold, with the environment variable that overrides each. */
  private static final Map<String, String> KEYS =
      Map.of(
          "host", "PARLEY_HOST",
          "port", "PARLEY_PORT",
          "dataDir", "PARLEY_DATA",
          "tls", "PARLEY_TLS",
          "shutdownGraceSeconds", "PARLEY_SHUTDOWN_GRACE_SECONDS");

  private static final Set<String> INTEGER_KEYS = Set.of("port", "shutdownGraceSeconds");

  private ConfigLoader() {}

  /**
   * Loads and validates the configuration.
   *
   * @param file an optional JSON configuration file (null for none)
   * @param env the environment, usually {@code System.getenv()}
   * @param flags command-line values by configuration key (already typed as strings)
   * @return the validated configuration
   * @throws ConfigException listing every problem with its source
   */
  public static ParleyConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    ParleyConfig.Builder builder = ParleyConfig.builder();
    List<String> problems = new ArrayList<>();
    if (file != null) {
      applyFile(file, builder, problems);
    }
    for (Map.Entry<String, String> key : KEYS.entrySet()) {
      String value = env.get(key.getValue());
      if (value != null && !value.isEmpty()) {
        apply(key.getKey(), value, key.getValue(), builder, problems);
      }
    }
    try {
      builder.smtp(SmtpSettings.fromEnvironment(env));
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      if (!KEYS.containsKey(flag.getKey())) {
        problems.add(flag.getKey() + ": not a configuration key");
        continue;
      }
      apply(flag.getKey(), flag.getValue(), "--" + flag.getKey(), builder, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return builder.build();
  }

  private static void applyFile(Path file, ParleyConfig.Builder builder, List<String> problems) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      problems.add("config file " + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
      return;
    } catch (DecodeException e) {
      problems.add("config file " + file + ": not a JSON object (" + e.getMessage() + ")");
      return;
    }
    for (String key : json.fieldNames()) {
      if (!KEYS.containsKey(key)) {
        problems.add(
            key + " (" + file + "): not a configuration key; known keys: " + KEYS.keySet());
        continue;
      }
      Object value = json.getValue(key);
      if (INTEGER_KEYS.contains(key)) {
        if (!(value instanceof Number number) || number.doubleValue() != number.longValue()) {
          problems.add(key + " (" + file + "): must be an integer, got " + value);
          continue;
        }
      } else if (!(value instanceof String)) {
        problems.add(key + " (" + file + "): must be a string, got " + value);
        continue;
      }
      apply(key, String.valueOf(value), file.toString(), builder, problems);
    }
  }

  private static void apply(
      String key,
      String value,
      String source,
      ParleyConfig.Builder builder,
      List<String> problems) {
    Consumer<String> fail = reason -> problems.add(key + " (" + source + "): " + reason);
    switch (key) {
      case "host" -> builder.host(value.trim());
      case "dataDir" -> builder.dataDir(Path.of(value));
      case "tls" -> {
        try {
          builder.tls(TlsMode.parse(value));
        } catch (IllegalArgumentException e) {
          fail.accept(e.getMessage());
        }
      }
      case "port" -> parseLong(value, fail, builder::port);
      case "shutdownGraceSeconds" ->
          parseLong(value, fail, v -> builder.shutdownGrace(Duration.ofSeconds(v)));
      default -> fail.accept("not a configuration key");
    }
  }

  private static void parseLong(String value, Consumer<String> fail, Consumer<Long> sink) {
    try {
      sink.accept(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      fail.accept("must be an integer, got '" + value + "'");
    }
  }
}
