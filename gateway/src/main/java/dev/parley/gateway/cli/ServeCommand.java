package dev.parley.gateway.cli;

import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.config.ConfigException;
import dev.parley.gateway.config.ConfigLoader;
import dev.parley.gateway.config.ParleyConfig;
import dev.parley.gateway.demo.Demo;
import dev.parley.gateway.demo.DemoOptions;
import dev.parley.gateway.logging.Logging;
import dev.parley.gateway.server.ParleyServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley serve}: starts the gateway with embedded stores and runs until SIGTERM. */
@Command(name = "serve", description = "Start Parley (embedded stores, nothing external needed).")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());
  private static volatile boolean serving;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", description = "TCP port (default 8080).")
  String port;

  @Option(names = "--host", description = "Listen address (default 127.0.0.1).")
  String host;

  @Option(names = "--data", description = "Data directory (default ./data).")
  String data;

  @Option(names = "--tls", description = "auto (TLS except on loopback), on, or off.")
  String tls;

  @Option(names = "--config", description = "A JSON configuration file.")
  Path config;

  @Option(
      names = "--demo",
      description =
          "Load two demo partners' synthetic data on first start, run three analyses and print"
              + " the results (later starts print them again).")
  boolean demo;

  @Option(
      names = "--demo-people",
      defaultValue = "100000",
      description = "People in each demo partner's dataset, half of them shared (default 100000).")
  int demoPeople;

  static boolean isServing() {
    return serving;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> flags = new LinkedHashMap<>();
    putIfSet(flags, "port", port);
    putIfSet(flags, "host", host);
    putIfSet(flags, "dataDir", data);
    putIfSet(flags, "tls", tls);
    DemoOptions demoOptions;
    try {
      demoOptions = DemoOptions.of(demoPeople);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--demo-" + e.getMessage(), e);
    }
    ParleyConfig cfg;
    try {
      cfg = ConfigLoader.load(config, System.getenv(), flags);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    Clock clock = Clock.systemUTC();
    ParleyServer server = ParleyServer.start(cfg, clock, ProductionComponents.all());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.stop();
                  } catch (Exception e) {
                    LOG.log(Level.SEVERE, "shutdown failed", e);
                  } finally {
                    Logging.shutdown();
                  }
                },
                "parley-shutdown"));
    serving = true;
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    out.println("Parley is running.");
    out.println("  health:   " + server.baseUrl() + "/health/ready");
    out.println("  metrics:  " + server.baseUrl() + "/metrics");
    out.println("  contract: " + server.baseUrl() + "/openapi.yaml");
    out.println("  data:     " + cfg.dataDir());
    out.println("Stop with Ctrl-C (SIGTERM): in-flight requests finish, stores close cleanly.");
    out.flush();
    Logging.event(LOG, Level.INFO, "ready", Map.of("url", server.baseUrl()));
    if (demo) {
      try {
        Demo.run(server, cfg.dataDir(), demoOptions, clock, out);
      } catch (Exception e) {
        LOG.log(Level.SEVERE, "demo failed", e);
        err.println("demo failed: " + e + " (starting again resumes it); stopping");
        err.flush();
        server.stop();
        return 1;
      }
    }
    return 0;
  }

  private static void putIfSet(Map<String, String> flags, String key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }
}
