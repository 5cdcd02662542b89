package dev.parley.gateway.demo;

import dev.parley.cleanroom.keys.MatchingKeyring;
import dev.parley.cleanroom.oprf.OprfMode;
import dev.parley.cleanroom.token.Tokenizer;
import dev.parley.consent.store.ConsentStore;
import dev.parley.gateway.auth.AuthComponent;
import dev.parley.gateway.cleanroom.CleanRoomComponent;
import dev.parley.gateway.consent.ConsentComponent;
import dev.parley.gateway.health.Component;
import dev.parley.gateway.matching.MatchingComponent;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.ledger.io.DurableFiles;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code parley serve --demo}: on a data directory without demo data, loads two partners' synthetic
 * data into the running server's stores and prints what three analyses released; afterwards only
 * prints that summary again.
 *
 * <p>Life of a first run: register Northwind Retail (advertiser) and The Daily Planet (publisher)
 * as partners, create an API key for each (printed once), record every person's consent decision
 * (90% grant audience insights, the others refuse) while uploading both partners' CSV files of
 * hashed emails (tokenized on the way in), create the collaboration and have the publisher approve
 * its rules, then run an overlap, a segment profile and a metric breakdown. Everything goes through
 * the same ledger, consent store, API keys and matching key the server hosts, so each step is on
 * the ledger and an auditor can verify it. The rendered results are saved in {@code
 * <data>/demo/summary.txt}, whose presence marks the demo as loaded.
 */
public final class Demo {
  /** The marker and saved summary, relative to the data directory. */
  static final Path SUMMARY = Path.of("demo", "summary.txt");

  private Demo() {}

  /**
   * Loads the demo if the data directory has none yet, then prints the summary.
   *
   * @param server the running server, whose components' stores the demo uses
   * @param dataDir the server's data directory, as configured (printed in commands)
   * @param options the size of a first load
   * @param clock the server's clock
   * @param out where progress and the summary go
   * @return true if the demo data was loaded now, false if it was already there
   * @throws Exception if a store fails; a later start resumes where it stopped
   */
  public static boolean run(
      ParleyServer server, Path dataDir, DemoOptions options, Clock clock, PrintWriter out)
      throws Exception {
    return load(server, dataDir, options, clock, out).isPresent();
  }

  /**
   * {@link #run}, returning what a first load did.
   *
   * @return the report of a load now, or empty if the demo data was already there
   */
  static Optional<DemoReport> load(
      ParleyServer server, Path dataDir, DemoOptions options, Clock clock, PrintWriter out)
      throws Exception {
    Path summary = dataDir.resolve(SUMMARY);
    String sampleEmail = DemoRunner.sampleEmail(DemoScenario.population(options));
    if (Files.exists(summary)) {
      List<String> lines = new ArrayList<>();
      lines.add("Demo data is already loaded (delete " + summary + " to run the analyses again):");
      lines.add("");
      lines.addAll(Files.readAllLines(summary, StandardCharsets.UTF_8));
      lines.add("");
      lines.addAll(
          DemoSummary.whereNext(server.baseUrl(), dataDir, sampleEmail, Optional.empty(), false));
      print(out, lines);
      return Optional.empty();
    }
    ConsentStore consent = component(server, ConsentComponent.class).store();
    MatchingKeyring keyring = component(server, MatchingComponent.class).keyring();
    Tokenizer tokenizer =
        Tokenizer.create(OprfMode.VOPRF, keyring.active().key(), SecretKeyAccess.grant());
    long started = System.nanoTime();
    DemoReport report =
        new DemoRunner(
                consent,
                component(server, AuthComponent.class).apiKeys(),
                tokenizer,
                component(server, CleanRoomComponent.class),
                clock,
                out)
            .run(options);
    List<String> results = DemoSummary.results(report);
    save(summary, results);
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(Locale.ROOT, "demo: loaded in %.1f s", (System.nanoTime() - started) / 1e9));
    lines.add("");
    lines.addAll(results);
    lines.add("");
    List<String> keys = DemoSummary.keys(report.newKeys());
    if (!keys.isEmpty()) {
      lines.addAll(keys);
      lines.add("");
    }
    lines.addAll(
        DemoSummary.whereNext(
            server.baseUrl(),
            dataDir,
            sampleEmail,
            Optional.of(report.profile().queryId()),
            !keys.isEmpty()));
    print(out, lines);
    return Optional.of(report);
  }

  private static <T extends Component> T component(ParleyServer server, Class<T> type) {
    return server
        .component(type)
        .orElseThrow(() -> new IllegalStateException("the demo needs the " + type.getSimpleName()));
  }

  private static void save(Path summary, List<String> lines) throws IOException {
    Files.createDirectories(summary.getParent());
    DurableFiles.write(
        summary, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), false);
  }

  private static void print(PrintWriter out, List<String> lines) {
    out.println();
    lines.forEach(out::println);
    out.flush();
  }
}
