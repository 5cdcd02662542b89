package dev.parley.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.ApiKeyStore;
import dev.parley.gateway.auth.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApiKeyCommandsTest {
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
  void createPartner_printsKeyOnceStoresHashOnly() throws Exception {
    Run r = run("keys", "create-partner", "--partner", "acme", "--data", data.toString());
    assertEquals(0, r.code(), r.err());
    String key = r.out().lines().filter(l -> l.startsWith("pk_")).findFirst().orElseThrow();
    assertFalse(
        Files.readString(data.resolve("gateway/api-keys.json")).contains(key.substring(20)));
    ApiKeyStore.StoredKey stored = ApiKeyStore.open(data, Clock.systemUTC()).list().getFirst();
    assertEquals(Role.PARTNER, stored.role());
    assertEquals(Optional.of("acme"), stored.partnerId());
    assertTrue(key.startsWith("pk_" + stored.id() + "."));
  }

  @Test
  void listAndRevoke_auditorKey_listedThenGone() {
    Run created = run("keys", "create-auditor", "--data", data.toString());
    assertEquals(0, created.code(), created.err());
    String id = created.out().lines().findFirst().orElseThrow().replaceAll(".* ", "");
    Run list = run("keys", "list-api", "--data", data.toString());
    assertTrue(list.out().contains(id) && list.out().contains("auditor"), list.out());
    assertFalse(list.out().contains("pk_"), "no secrets listed");
    assertEquals(0, run("keys", "revoke-api", id, "--data", data.toString()).code());
    Run again = run("keys", "revoke-api", id, "--data", data.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("no API key with id " + id), again.err());
  }

  @Test
  void createPartner_badId_nonZeroWithReasonAndNoFile() {
    Run r = run("keys", "create-partner", "--partner", "Not Valid", "--data", data.toString());
    assertTrue(r.code() != 0);
    assertTrue(r.err().contains("got 'Not Valid'"), r.err());
    assertFalse(Files.exists(data.resolve("gateway/api-keys.json")));
  }
}
