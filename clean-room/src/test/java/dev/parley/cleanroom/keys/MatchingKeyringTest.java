package dev.parley.cleanroom.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingKeyringTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  @TempDir Path dir;

  @Test
  void loadOrCreate_firstStart_createsOwnerOnlyFileWithOneActiveKey() throws Exception {
    MatchingKeyring ring = MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom());
    assertEquals("mk-20261123-0001", ring.active().id());
    assertEquals(1, ring.all().size());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(MatchingKeyring.FILE))));
  }

  @Test
  void loadOrCreate_reopen_sameKeyAndPublicKey() throws Exception {
    MatchingKeyring first = MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom());
    first.markPublished(first.active().id(), 7);
    MatchingKeyring again =
        MatchingKeyring.loadOrCreate(dir, T0.plusSeconds(60), new SecureRandom());
    assertEquals(first.active().id(), again.active().id());
    assertEquals(first.active().key().publicKey(), again.active().key().publicKey());
    assertEquals(Optional.of(7L), again.active().ledgerIndex());
  }

  @Test
  void loadOrCreate_groupReadableFile_refusedWithPathAndMode() throws Exception {
    MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom());
    Path file = dir.resolve(MatchingKeyring.FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    IOException e =
        assertThrows(
            IOException.class, () -> MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom()));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("rw-r-----"),
        e.getMessage());
  }

  @Test
  void rotate_transition_oldKeyUsableUntilRetirementThenNot() throws Exception {
    MatchingKeyring ring = MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom());
    MatchingKey old = ring.active();
    MatchingKey fresh = ring.rotate(T0.plusSeconds(10), Duration.ofDays(7), new SecureRandom());
    assertEquals("mk-20261123-0002", fresh.id());
    assertEquals(fresh.id(), ring.active().id());
    assertNotEquals(old.key().publicKey(), fresh.key().publicKey());
    MatchingKey retiring = ring.byId(old.id()).orElseThrow();
    assertTrue(retiring.usableAt(T0.plus(Duration.ofDays(6))));
    assertFalse(retiring.usableAt(T0.plus(Duration.ofDays(8))));
    MatchingKeyring reopened = MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom());
    assertEquals(2, reopened.all().size());
    assertEquals(fresh.id(), reopened.active().id());
  }

  @Test
  void loadOrCreate_corruptFile_namesTheMember() throws Exception {
    MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom());
    Path file = dir.resolve(MatchingKeyring.FILE);
    String json =
        Files.readString(file, StandardCharsets.UTF_8)
            .replaceFirst("\"secret\":\"[^\"]*\"", "\"secret\":\"AAAA\"");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    IOException e =
        assertThrows(
            IOException.class, () -> MatchingKeyring.loadOrCreate(dir, T0, new SecureRandom()));
    assertTrue(e.getMessage().contains("keys[0]"), e.getMessage());
    assertFalse(e.getMessage().contains("AAAA"), "no secret material in messages");
  }
}
