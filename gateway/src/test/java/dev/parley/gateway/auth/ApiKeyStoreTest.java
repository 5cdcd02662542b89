package dev.parley.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyStoreTest {
  @TempDir Path data;

  private Path keyFile() {
    return data.resolve("gateway").resolve("api-keys.json");
  }

  @Test
  void create_partnerKey_fileHoldsOnlyHashOwnerOnly() throws Exception {
    ApiKeyStore store = ApiKeyStore.open(data, Clock.systemUTC());
    ApiKeyStore.Created k = store.create(Role.PARTNER, Optional.of("acme"), new SecureRandom());
    String file = Files.readString(keyFile());
    String secret = k.plaintext().substring(k.plaintext().indexOf('.') + 1);
    assertFalse(file.contains(secret), "the secret part is not stored");
    assertFalse(file.contains(k.plaintext()), "the key is not stored");
    assertTrue(file.contains(k.id()), "the public id is stored");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())));
    assertFalse(k.toString().contains(secret), "toString hides the plaintext");
  }

  @Test
  void open_afterCreate_sameKeysFromDisk() throws Exception {
    ApiKeyStore first = ApiKeyStore.open(data, Clock.systemUTC());
    first.create(Role.PARTNER, Optional.of("acme"), new SecureRandom());
    first.create(Role.AUDITOR, Optional.empty(), new SecureRandom());
    ApiKeyStore again = ApiKeyStore.open(data, Clock.systemUTC());
    assertEquals(2, again.list().size());
    assertTrue(
        again.list().stream()
            .anyMatch(k -> k.role() == Role.PARTNER && k.partnerId().equals(Optional.of("acme"))));
  }

  @Test
  void create_badRoleOrPartner_refusedWithReason() throws Exception {
    ApiKeyStore store = ApiKeyStore.open(data, Clock.systemUTC());
    SecureRandom r = new SecureRandom();
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> store.create(Role.PARTNER, Optional.empty(), r))
            .getMessage()
            .startsWith("partner: required"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> store.create(Role.PARTNER, Optional.of("Bad Id"), r))
            .getMessage()
            .contains("got 'Bad Id'"));
    assertThrows(
        IllegalArgumentException.class, () -> store.create(Role.AUDITOR, Optional.of("acme"), r));
    assertThrows(
        IllegalArgumentException.class, () -> store.create(Role.CONSUMER, Optional.empty(), r));
    assertFalse(Files.exists(keyFile()), "nothing written");
  }

  @Test
  void open_worldReadableFile_refused() throws Exception {
    ApiKeyStore.open(data, Clock.systemUTC())
        .create(Role.AUDITOR, Optional.empty(), new SecureRandom());
    Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
    assertThrows(java.io.IOException.class, () -> ApiKeyStore.open(data, Clock.systemUTC()));
  }

  @Test
  void revoke_unknownAndKnown_reportsWhetherRemoved() throws Exception {
    ApiKeyStore store = ApiKeyStore.open(data, Clock.systemUTC());
    ApiKeyStore.Created k = store.create(Role.AUDITOR, Optional.empty(), new SecureRandom());
    assertFalse(store.revoke("0000000000000000"));
    assertTrue(store.revoke(k.id()));
    assertEquals(0, ApiKeyStore.open(data, Clock.systemUTC()).list().size());
  }
}
