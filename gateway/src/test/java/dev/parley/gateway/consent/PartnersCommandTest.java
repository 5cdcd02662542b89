package dev.parley.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.partner.Partner;
import dev.parley.gateway.cli.ParleyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley partners add | list}, with the server stopped and while it runs. */
class PartnersCommandTest {
  @TempDir Path data;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ParleyCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void addThenList_serverStopped_registersAndTheServerServesThem() throws Exception {
    String dir = data.toString();
    Run add = run("partners", "add", "--id", "acme", "--name", "Acme Retail", "--data", dir);
    assertEquals(0, add.code(), add.err());
    assertEquals("registered partner acme\tAcme Retail\n", add.out());
    Run vendor =
        run(
            "partners",
            "add",
            "--id",
            "acme",
            "--name",
            "Acme",
            "--tcf-vendor-id",
            "755",
            "--data",
            dir);
    assertEquals("updated partner acme\tAcme\ttcf-vendor-id=755\n", vendor.out());
    run("partners", "add", "--id", "globex", "--name", "Globex Media", "--data", dir);
    Run list = run("partners", "list", "--data", dir);
    assertEquals(0, list.code(), list.err());
    assertEquals("acme\tAcme\ttcf-vendor-id=755\nglobex\tGlobex Media\n", list.out());

    ConsentApiServer api = new ConsentApiServer(data, Duration.ofSeconds(1), false);
    try {
      assertEquals(
          new Partner("acme", "Acme", OptionalInt.of(755)),
          api.store().partner("acme").orElseThrow());
      assertTrue(
          api.get(ConsentApiServer.Caller.NONE, "/consent/catalog")
              .body()
              .contains("Globex Media"));
    } finally {
      api.stop();
    }
  }

  @Test
  void add_whileServerRuns_refusedWithClearError() throws Exception {
    ConsentApiServer api = new ConsentApiServer(data, Duration.ofSeconds(1));
    try {
      Run busy =
          run("partners", "add", "--id", "initech", "--name", "Initech", "--data", data.toString());
      assertEquals(1, busy.code());
      assertTrue(busy.err().startsWith("FAILED: "), busy.err());
      assertTrue(busy.err().contains("stop it first"), busy.err());
      assertTrue(api.store().partner("initech").isEmpty());
    } finally {
      api.stop();
    }
  }

  @Test
  void add_badId_usageErrorNamingTheField() {
    Run bad = run("partners", "add", "--id", "Bad Id", "--name", "X", "--data", data.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("partner.id: must be 1-64 characters"), bad.err());
  }
}
