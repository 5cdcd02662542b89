package dev.parley.ledger.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ledger.keys.KeyFileException.Problem;
import dev.parley.ledger.note.NoteSigningKey;
import dev.parley.ledger.note.NoteVerifierKey;
import dev.parley.ledger.secret.SecretKeyAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LedgerKeyFiles} with real files. */
class LedgerKeyFilesTest {
  private static final String NAME = "parley.example/ledger";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] MSG = "checkpoint\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path data;

  private Path keyFile() {
    return data.resolve("ledger").resolve("log.key");
  }

  private Path vkeyFile() {
    return data.resolve("ledger").resolve("log.vkey");
  }

  private LedgerKeyPair start() throws IOException {
    return LedgerKeyFiles.loadOrCreate(data, NAME, RANDOM);
  }

  @Test
  void loadOrCreate_firstStart_createsKey0600AndVkey0644() throws IOException {
    LedgerKeyPair pair = start();

    assertTrue(pair.created());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())));
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(vkeyFile())));
    assertEquals(pair.verifierKey().format() + "\n", Files.readString(vkeyFile()));
    assertEquals(pair.signingKey().verifierKey(), pair.verifierKey());
    String skey = Files.readString(keyFile());
    assertTrue(skey.startsWith("PRIVATE+KEY+" + NAME + "+" + pair.verifierKey().keyId() + "+"));
    assertTrue(skey.endsWith("\n"));
    assertEquals(
        pair.verifierKey(),
        NoteSigningKey.parse(skey.strip(), SecretKeyAccess.grant()).verifierKey());
    assertEquals(List.of("log.key", "log.vkey"), listLedgerDir()); // no temp file left
  }

  @Test
  void loadOrCreate_secondStart_loadsTheSameKey() throws IOException {
    LedgerKeyPair first = start();

    LedgerKeyPair second = start();

    assertFalse(second.created());
    assertEquals(first.verifierKey(), second.verifierKey());
    assertArrayEquals(first.signingKey().sign(MSG), second.signingKey().sign(MSG));
  }

  @Test
  void loadOrCreate_inLedgerDir_usesThatDirectory() throws IOException {
    LedgerKeyPair pair = LedgerKeyFiles.inLedgerDir(data).loadOrCreate(NAME, RANDOM);

    assertEquals(
        pair.verifierKey(),
        NoteVerifierKey.parse(Files.readString(data.resolve("log.vkey")).strip()));
    assertEquals(data.resolve("log.key"), LedgerKeyFiles.inLedgerDir(data).keyFile());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"rw-r-----", "rw----r--", "rw-rw----", "rw-r--r--", "rw------x", "r------w-"})
  void loadOrCreate_keyReadableBeyondOwner_refusedWithPathAndMode(String mode) throws IOException {
    start();
    Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString(mode));

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(Problem.PERMISSIONS_TOO_WIDE, e.problem());
    assertEquals(keyFile(), e.path());
    assertTrue(e.getMessage().startsWith(keyFile() + ": mode "), e.getMessage());
    assertTrue(e.getMessage().contains("(" + mode + ")"), e.getMessage());
  }

  @Test
  void loadOrCreate_groupReadableKey_messageGivesOctalMode() throws IOException {
    start();
    Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r-----"));

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(
        keyFile()
            + ": mode 0640 (rw-r-----) lets the group or others access the signing key; it must be"
            + " owner-only (0600): chmod 600 "
            + keyFile(),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"r--------", "rwx------"})
  void loadOrCreate_ownerOnlyModes_accepted(String mode) throws IOException {
    LedgerKeyPair first = start();
    Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString(mode));

    assertEquals(first.verifierKey(), start().verifierKey());
  }

  @Test
  void loadOrCreate_vkeyReplacedByAnotherKey_refusedAsMismatch() throws IOException {
    start();
    NoteVerifierKey other = NoteSigningKey.generate(NAME, RANDOM).verifierKey();
    Files.writeString(vkeyFile(), other.format() + "\n");

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(Problem.VKEY_MISMATCH, e.problem());
    assertEquals(vkeyFile(), e.path());
    assertTrue(e.getMessage().contains("holds " + other.format()), e.getMessage());
  }

  @Test
  void loadOrCreate_vkeyCorrupted_refusedAsMalformed() throws IOException {
    LedgerKeyPair pair = start();
    String vkey = pair.verifierKey().format();
    Files.writeString(vkeyFile(), vkey.substring(0, vkey.length() - 2) + "AA\n");

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(Problem.MALFORMED_VKEY, e.problem());
    assertTrue(e.getMessage().startsWith(vkeyFile() + ": vkey: "), e.getMessage());
  }

  @Test
  void loadOrCreate_vkeyMissing_rewrittenFromKey() throws IOException {
    LedgerKeyPair first = start();
    Files.delete(vkeyFile());

    LedgerKeyPair second = start();

    assertFalse(second.created());
    assertEquals(first.verifierKey().format() + "\n", Files.readString(vkeyFile()));
  }

  @Test
  void load_vkeyMissing_refused() throws IOException {
    start();
    Files.delete(vkeyFile());

    KeyFileException e =
        assertThrows(KeyFileException.class, () -> LedgerKeyFiles.inDataDir(data).load(NAME));

    assertEquals(Problem.VKEY_MISSING, e.problem());
  }

  @Test
  void loadOrCreate_keyMissingButVkeyPresent_refusedRatherThanNewIdentity() throws IOException {
    start();
    Files.delete(keyFile());

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(Problem.KEY_MISSING, e.problem());
    assertFalse(Files.exists(keyFile()));
  }

  @Test
  void loadOrCreate_keyForAnotherOrigin_refusedAsNameMismatch() throws IOException {
    start();

    KeyFileException e =
        assertThrows(
            KeyFileException.class,
            () -> LedgerKeyFiles.loadOrCreate(data, "other.example/log", RANDOM));

    assertEquals(Problem.NAME_MISMATCH, e.problem());
    assertTrue(
        e.getMessage()
            .contains("named \"" + NAME + "\" but the log's origin is \"other.example/log\""));
  }

  @Test
  void loadOrCreate_malformedKey_refusedWithoutQuotingTheFile() throws IOException {
    LedgerKeyPair pair = start();
    String skey = Files.readString(keyFile()).strip();
    String prefix = "PRIVATE+KEY+" + NAME + "+" + pair.verifierKey().keyId() + "+";
    String secret = skey.substring(prefix.length()); // base64 may itself contain '+'
    Files.writeString(keyFile(), skey.replace("PRIVATE+KEY+" + NAME + "+", "PRIVATE+KEY+"));

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(Problem.MALFORMED_KEY, e.problem());
    assertFalse(e.getMessage().contains(secret.substring(0, 8)), e.getMessage());
    assertFalse(e.getMessage().contains(pair.verifierKey().keyId().toString()), e.getMessage());
  }

  @Test
  void loadOrCreate_keyIsSymlink_refused() throws IOException {
    start();
    Path real = data.resolve("elsewhere.key");
    Files.move(keyFile(), real);
    Files.createSymbolicLink(keyFile(), real);

    KeyFileException e = assertThrows(KeyFileException.class, this::start);

    assertEquals(Problem.NOT_A_REGULAR_FILE, e.problem());
  }

  @Test
  void loadOrCreate_staleTempFilesFromACrash_removed() throws IOException {
    start();
    Path stale = data.resolve("ledger").resolve(".log.key.123456.tmp");
    Files.writeString(stale, "PRIVATE+KEY+half-written");

    start();

    assertFalse(Files.exists(stale));
  }

  private List<String> listLedgerDir() throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("ledger"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
