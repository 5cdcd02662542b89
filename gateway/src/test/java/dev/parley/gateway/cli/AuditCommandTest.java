package dev.parley.gateway.cli;

import static dev.parley.gateway.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.entry.EntryType;
import dev.parley.ledger.jcs.JsonObject;
import dev.parley.ledger.store.LedgerOptions;
import dev.parley.ledger.store.LedgerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley audit} end to end over a real log directory. */
class AuditCommandTest {
  @TempDir Path dir;

  private void append(int n, String prefix) throws Exception {
    try (LedgerStore store = LedgerStore.open(LedgerOptions.builder(dir).build())) {
      for (int i = 0; i < n; i++) {
        store
            .append(EntryType.LEDGER_NOTE, JsonObject.builder().put("text", prefix + i).build())
            .get();
      }
    }
  }

  @Test
  void verify_thenGrowThenTamper_okTwiceThenFailsNamingFile() throws Exception {
    append(20, "a");
    String log = dir.resolve("log").toString();
    String key = dir.resolve("log.vkey").toString();
    Path state = dir.resolve("audit.state");
    CliRun first = run("audit", "verify", "--log", log, "--key", key, "--state", state.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("OK: 20 entries verified"), first.out());
    assertTrue(first.out().contains("ledger.note") && first.out().contains(" 20"), first.out());
    assertTrue(Files.exists(state));

    append(5, "b");
    CliRun second = run("audit", "verify", "--log", log, "--key", key, "--state", state.toString());
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("OK: 25 entries"), second.out());

    Path bundle = dir.resolve("log/tile/entries/000.p/25");
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[100] ^= 0x20;
    Files.write(bundle, bytes);
    CliRun third = run("audit", "verify", "--log", log, "--key", key);
    assertEquals(1, third.code());
    assertTrue(third.err().startsWith("FAILED: "), third.err());
    assertTrue(
        third.err().contains(bundle.toString()) || third.err().contains("tile/0/000.p/25"),
        third.err());
  }

  @Test
  void proveThenCheckReceipt_validThenTamperedEntryRejected() throws Exception {
    append(9, "r");
    String key = dir.resolve("log.vkey").toString();
    CliRun prove =
        run("audit", "prove", "--log", dir.resolve("log").toString(), "--key", key, "--index", "3");
    assertEquals(0, prove.code(), prove.err());
    Path receipt = dir.resolve("receipt.json");
    Files.writeString(receipt, prove.out().trim(), StandardCharsets.UTF_8);
    CliRun ok = run("audit", "check-receipt", receipt.toString(), "--key", key);
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().startsWith("OK: ledger.note entry is included"), ok.out());

    String json = Files.readString(receipt, StandardCharsets.UTF_8);
    String entryB64 = new io.vertx.core.json.JsonObject(json).getString("entry");
    String forgedEntry =
        java.util.Base64.getEncoder()
            .encodeToString(
                new String(java.util.Base64.getDecoder().decode(entryB64), StandardCharsets.UTF_8)
                    .replace("r3", "r4")
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(receipt, json.replace(entryB64, forgedEntry), StandardCharsets.UTF_8);
    CliRun bad = run("audit", "check-receipt", receipt.toString(), "--key", key);
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("proof:"), bad.err());
  }
}
