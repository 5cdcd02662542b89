package dev.parley.gateway.cli;

import static dev.parley.gateway.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.gateway.auth.ApiKeyStore;
import dev.parley.gateway.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyCommandsTest {
  @TempDir Path data;

  @Test
  void createPartner_printsKeyOnceStoresHashOnly() throws Exception {
    CliRun r = run("keys", "create-partner", "--partner", "acme", "--data", data.toString());
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
    CliRun created = run("keys", "create-auditor", "--data", data.toString());
    assertEquals(0, created.code(), created.err());
    String id = created.out().lines().findFirst().orElseThrow().replaceAll(".* ", "");
    CliRun list = run("keys", "list-api", "--data", data.toString());
    assertTrue(list.out().contains(id) && list.out().contains("auditor"), list.out());
    assertFalse(list.out().contains("pk_"), "no secrets listed");
    assertEquals(0, run("keys", "revoke-api", id, "--data", data.toString()).code());
    CliRun again = run("keys", "revoke-api", id, "--data", data.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("no API key with id " + id), again.err());
  }

  @Test
  void createPartner_badId_nonZeroWithReasonAndNoFile() {
    CliRun r = run("keys", "create-partner", "--partner", "Not Valid", "--data", data.toString());
    assertTrue(r.code() != 0);
    assertTrue(r.err().contains("got 'Not Valid'"), r.err());
    assertFalse(Files.exists(data.resolve("gateway/api-keys.json")));
  }
}
