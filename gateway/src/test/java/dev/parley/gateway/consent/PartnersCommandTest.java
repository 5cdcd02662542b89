package dev.parley.gateway.consent;

import static dev.parley.gateway.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.consent.partner.Partner;
import dev.parley.gateway.cli.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley partners add | list}, with the server stopped and while it runs. */
class PartnersCommandTest {
  @TempDir Path data;

  @Test
  void addThenList_serverStopped_registersAndTheServerServesThem() throws Exception {
    String dir = data.toString();
    CliRun add = run("partners", "add", "--id", "acme", "--name", "Acme Retail", "--data", dir);
    assertEquals(0, add.code(), add.err());
    assertEquals("registered partner acme\tAcme Retail\n", add.out());
    CliRun vendor =
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
    CliRun list = run("partners", "list", "--data", dir);
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
      CliRun busy =
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
    CliRun bad = run("partners", "add", "--id", "Bad Id", "--name", "X", "--data", data.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("partner.id: must be 1-64 characters"), bad.err());
  }
}
