package dev.parley.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cleanroom.keys.MatchingKeyring;
import dev.parley.gateway.app.ProductionComponents;
import dev.parley.gateway.server.ParleyServer;
import dev.parley.gateway.server.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
  @TempDir Path data;

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new ParleyCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void rotateMatching_serverStopped_newKeyPublishedOldRetiring() throws Exception {
    ParleyServer server = TestServers.start(data, ProductionComponents.all());
    String firstKey;
    try {
      firstKey = keyring().active().id();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int busy = run(out, err, "keys", "rotate-matching", "--data", data.toString());
      assertTrue(busy != 0, "refused while the server holds the ledger");
      assertTrue(err.toString().contains("in use by another Parley process"), err.toString());
    } finally {
      server.stop();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(
        0,
        run(
            out,
            err,
            "keys",
            "rotate-matching",
            "--data",
            data.toString(),
            "--transition-days",
            "7"),
        err.toString());
    MatchingKeyring ring = keyring();
    assertEquals(2, ring.all().size());
    assertTrue(ring.active().ledgerIndex().isPresent(), "new key published");
    assertTrue(ring.byId(firstKey).orElseThrow().retiresAt().isPresent(), "old key retiring");
    assertTrue(
        out.toString().startsWith("new active matching key " + ring.active().id()), out.toString());
  }

  private MatchingKeyring keyring() throws Exception {
    return MatchingKeyring.loadOrCreate(
        data.resolve("clean-room/keys"), Instant.now(), new SecureRandom());
  }
}
